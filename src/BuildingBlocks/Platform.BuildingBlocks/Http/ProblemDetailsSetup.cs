using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.BuildingBlocks.Http;

/// <summary>Registers problem details so every error, however produced, carries a code and a trace id.</summary>
public static class ProblemDetailsSetup
{
    // Titles the framework gives the problems it writes itself (status-code pages, its validation problem).
    private const string FrameworkServerErrorTitle = "An error occurred while processing your request.";
    private const string FrameworkValidationTitle = "One or more validation errors occurred.";

    public static IServiceCollection AddPlatformProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<PlatformExceptionHandler>();

        // Registered before the framework's writer, so it is the one used: problems are JSON whatever the client accepts.
        services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, PlatformProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            problem.Status = status;
            if (!problem.Extensions.TryGetValue("code", out var existing) || existing is not string code)
            {
                // Written by the framework (a status-code page, say) in English if at all: the
                // platform's title and detail for the status, in the request's language.
                code = ProblemCodes.ForStatus(status);
                problem.Extensions["code"] = code;
                if (problem.Title is null || IsFrameworkTitle(problem.Title, status))
                {
                    problem.Title = ApiProblems.TitleFor(status);
                }

                problem.Detail ??= ProblemTexts.DefaultDetailFor(code)?.ToString();
            }

            problem.Title ??= ApiProblems.TitleFor(status);
            if (problem.Type is null or "about:blank" || problem.Type.StartsWith("https://tools.ietf.org", StringComparison.Ordinal))
            {
                problem.Type = $"urn:chuanyu:problem:{code}";
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions.Remove("exception");
            problem.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
        });
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    private static bool IsFrameworkTitle(string title, int status) =>
        title == ReasonPhrases.GetReasonPhrase(status) || title is FrameworkServerErrorTitle or FrameworkValidationTitle;
}
