using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// Turns every exception that escapes an endpoint into problem details: bad requests into 4xx with
/// a stable code, business refusals into their status, anything else into a 500 without internals. Titles and details
/// are picked in the request's language, so the request localisation must run before the exception handler.
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
        DomainException domain => Problem(domain.Status, domain.Code, domain.Detail, domain.Errors),
        ValidationException validation => Problem(400, ProblemCodes.ValidationFailed, ProblemTexts.SeeFieldErrors,
            validation.Errors.GroupBy(e => ValidationFilter.ToCamelPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
            ProblemTexts.ValidationTitle),
        _ => Problem(500, ProblemCodes.ServerError, ProblemTexts.ServerError),
    };

    // Two transitions raced and this one lost: with If-Match the caller's version is stale (412);
    // without, the record changed under it (409). Either way nothing was saved.
    internal static ProblemDetails ConcurrentUpdate(bool hadPrecondition) => hadPrecondition
        ? Problem(412, "resource.precondition_failed", ProblemTexts.ConcurrentUpdate)
        : Problem(409, "resource.concurrent_update", ProblemTexts.ConcurrentUpdate);

    private static ProblemDetails MapBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(413, ProblemCodes.BodyTooLarge, ProblemTexts.BodyTooLarge);
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(415, ProblemCodes.UnsupportedMediaType, ProblemTexts.UnsupportedMediaType);
        }

        if (FindJsonException(bad) is { } json)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return Problem(400, ProblemCodes.MalformedJson, ProblemTexts.MalformedJson,
                new Dictionary<string, string[]> { [field] = [DescribeJsonError(json)] });
        }

        if (bad.StatusCode == 400 && ParameterName().Match(bad.Message) is { Success: true } match)
        {
            // The framework's message names CLR types; keep the parameter and what was wrong with it.
            var name = match.Groups["name"].Value;
            var message = bad.Message.StartsWith("Required", StringComparison.Ordinal)
                ? ProblemTexts.ValueRequired
                : ProblemTexts.ValueUnreadable;
            return Problem(400, ProblemCodes.InvalidParameter, ProblemTexts.InvalidParameter(name),
                new Dictionary<string, string[]> { [name] = [message.ToString()] });
        }

        return Problem(bad.StatusCode, bad.StatusCode == 400 ? ProblemCodes.InvalidParameter : ProblemCodes.ForStatus(bad.StatusCode),
            ProblemTexts.TitleFor(bad.StatusCode));
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
        (json.Path is null ? ProblemTexts.JsonUnparsable : ProblemTexts.JsonValueUnreadable(json.Path)).ToString();

    // Texts are picked here, while the request's culture is current.
    private static ProblemDetails Problem(int status, string code, LocalizedText detail, IDictionary<string, string[]>? errors = null, LocalizedText? title = null)
    {
        var problem = new ProblemDetails { Status = status, Title = (title ?? ProblemTexts.TitleFor(status)).ToString(), Detail = detail.ToString() };
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
