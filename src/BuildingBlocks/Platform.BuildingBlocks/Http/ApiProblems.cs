using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Platform.BuildingBlocks.Http;

/// <summary>Builds the platform's problem results; the host's customiser adds trace id and localisation.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return TypedResults.Problem(problem);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "One or more fields are invalid.", detail ?? "See errors for each field.", errors);

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "The resource was not found.", detail);

    public static ProblemHttpResult FromDomain(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(exception.Status, exception.Code, TitleFor(exception.Status), exception.Message, exception.Errors);
    }

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Authentication is required.",
        403 => "The caller may not do this.",
        404 => "The resource was not found.",
        405 => "The method is not allowed on this resource.",
        409 => "The request conflicts with the current state.",
        412 => "The resource has changed since it was read.",
        413 => "The request body is too large.",
        415 => "The media type is not supported.",
        422 => "A business rule refused the request.",
        429 => "Too many requests.",
        _ => status >= 500 ? "An unexpected error occurred." : "The request failed.",
    };
}
