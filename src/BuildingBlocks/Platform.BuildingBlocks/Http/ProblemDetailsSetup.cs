using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Http;

/// <summary>Registers problem details so every error, however produced, carries a code and a trace id.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<PlatformExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (!problem.Extensions.ContainsKey("code"))
            {
                problem.Extensions["code"] = ProblemCodes.ForStatus(status);
            }

            problem.Title ??= ApiProblems.TitleFor(status);
            if (problem.Type is null or "about:blank" || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = $"urn:chuanyu:problem:{problem.Extensions["code"]}";
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions.Remove("exception");
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }
}
