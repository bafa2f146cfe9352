using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Http;

namespace Platform.BuildingBlocks.Auditing;

/// <summary>
/// Records every state-changing command (any method but GET and HEAD) of a module's route group
/// with its outcome, refused or not. Modules get it by being mapped, not by calling it.
/// </summary>
public static class AuditCommandFilter
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next, string module)
    {
        ArgumentNullException.ThrowIfNull(context);
        return async invocation =>
        {
            var http = invocation.HttpContext;
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return await next(invocation);
            }

            var action = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "unnamed";
            var entityId = string.Join(';', http.Request.RouteValues.Select(v => $"{v.Key}={v.Value}"));
            var trail = http.RequestServices.GetService<IAuditTrail>();
            object? result;
            try
            {
                result = await next(invocation);
            }
            catch (DomainException refused)
            {
                await Record(trail, new AuditRecord(action, module, entityId, $"{refused.Status} {refused.Code}"));
                throw;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
            {
                // A lost race is answered 412 or 409 by the exception handler, not 500: record that answer.
                var raced = PlatformExceptionHandler.ConcurrentUpdate(http.Request.Headers.IfMatch.Count > 0);
                await Record(trail, new AuditRecord(action, module, entityId, $"{raced.Status} {raced.Extensions["code"]}"));
                throw;
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                await Record(trail, new AuditRecord(action, module, entityId, "500 server.error"));
                throw;
            }

            var inner = result is INestedHttpResult nested ? nested.Result : result;
            var status = (inner as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            var code = (inner as Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult)?.ProblemDetails.Extensions.TryGetValue("code", out var c) == true ? $" {c}" : "";
            await Record(trail, new AuditRecord(action, module, entityId, $"{status}{code}"));
            return result;
        };
    }

    // Recorded without the request's cancellation: a command that ran is audited even if the caller left.
    private static Task Record(IAuditTrail? trail, AuditRecord record) =>
        trail?.RecordAsync(record, CancellationToken.None) ?? Task.CompletedTask;
}
