using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// Turns every exception that escapes an endpoint into problem details: bad requests into 4xx with
/// a stable code, business refusals into their status, anything else into a 500 without internals.
/// </summary>
public sealed partial class PlatformExceptionHandler(IProblemDetailsService problemDetails, ILogger<PlatformExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception is Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException
            ? ConcurrentUpdate(httpContext.Request.Headers.IfMatch.Count > 0)
            : Map(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static ProblemDetails Map(Exception exception) => exception switch
    {
        BadHttpRequestException bad => MapBadRequest(bad),
        DomainException domain => Problem(domain.Status, domain.Code, domain.Message, domain.Errors),
        ValidationException validation => Problem(400, ProblemCodes.ValidationFailed, "See errors for each field.",
            validation.Errors.GroupBy(e => ValidationFilter.ToCamelPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())),
        _ => Problem(500, ProblemCodes.ServerError, "The server could not complete the request. Quote the trace id to support."),
    };

    // Two transitions raced and this one lost: with If-Match the caller's version is stale (412);
    // without, the record changed under it (409). Either way nothing was saved.
    internal static ProblemDetails ConcurrentUpdate(bool hadPrecondition) => hadPrecondition
        ? Problem(412, "resource.precondition_failed", "The record changed while this request was processed. Read it again and retry.")
        : Problem(409, "resource.concurrent_update", "The record changed while this request was processed. Read it again and retry.");

    private static ProblemDetails MapBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, ProblemCodes.BodyTooLarge, "The request body exceeds the allowed size.");
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(415, ProblemCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        if (FindJsonException(bad) is { } json)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return Problem(400, ProblemCodes.MalformedJson, "The request body is not valid JSON for this operation.",
                new Dictionary<string, string[]> { [field] = [DescribeJsonError(json)] });
        }

        if (bad.StatusCode == 400 && ParameterName().Match(bad.Message) is { Success: true } match)
        {
            // The framework's message names CLR types; keep the parameter and what was wrong with it.
            var name = match.Groups["name"].Value;
            var message = bad.Message.StartsWith("Required", StringComparison.Ordinal)
                ? "A value is required."
                : "The value could not be read as the expected type.";
            return Problem(400, ProblemCodes.InvalidParameter, $"The parameter '{name}' is invalid.",
                new Dictionary<string, string[]> { [name] = [message] });
        }

        return Problem(bad.StatusCode, bad.StatusCode == 400 ? ProblemCodes.InvalidParameter : ProblemCodes.ForStatus(bad.StatusCode),
            ApiProblems.TitleFor(bad.StatusCode));
    }

    [System.Text.RegularExpressions.GeneratedRegex("parameter \"(?:[^\"]* )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex ParameterName();

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    // The serializer's own message may name CLR types; keep what a caller can act on.
    private static string DescribeJsonError(JsonException json) =>
        json.Path is null ? "The body could not be parsed as JSON." : $"The value at '{json.Path}' could not be read: it is malformed or of the wrong type.";

    private static ProblemDetails Problem(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = ApiProblems.TitleFor(status), Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    [LoggerMessage(EventId = 5000, Level = LogLevel.Error, Message = "Unhandled exception while processing {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
