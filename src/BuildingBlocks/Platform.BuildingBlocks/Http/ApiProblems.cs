using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.BuildingBlocks.Localization;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// Builds the platform's problem results; the host's customiser adds the trace id. Titles are the
/// platform's, in the request's language; pass details and field messages as
/// <see cref="LocalizedText"/> so they are too. The <see cref="string"/> overloads write what they
/// are given, in whatever language it is.
/// </summary>
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

    /// <summary>A problem titled by <paramref name="status"/>, with the detail and field messages in the request's language.</summary>
    public static ProblemHttpResult Create(int status, string code, LocalizedText detail, IDictionary<string, LocalizedText[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return Create(status, code, TitleFor(status), detail.ToString(), Resolve(errors));
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Create(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, ProblemTexts.ValidationTitle.ToString(), detail ?? ProblemTexts.SeeFieldErrors.ToString(), errors);

    /// <summary>A 400 validation problem with the field messages (and detail) in the request's language.</summary>
    public static ProblemHttpResult Validation(IDictionary<string, LocalizedText[]> errors, LocalizedText? detail = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Validation(Resolve(errors)!, (detail ?? ProblemTexts.SeeFieldErrors).ToString());
    }

    /// <summary>A 400 validation problem for one field.</summary>
    public static ProblemHttpResult Validation(string field, LocalizedText message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Validation(new Dictionary<string, LocalizedText[]> { [field] = [message] });
    }

    public static ProblemHttpResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, TitleFor(StatusCodes.Status404NotFound), detail);

    /// <summary>A 404 problem with the detail in the request's language.</summary>
    public static ProblemHttpResult NotFound(string code, LocalizedText detail) =>
        Create(StatusCodes.Status404NotFound, code, detail);

    public static ProblemHttpResult FromDomain(DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(exception.Status, exception.Code, TitleFor(exception.Status), exception.Detail.ToString(), exception.Errors);
    }

    /// <summary>The title of a problem with <paramref name="status"/>, in the current UI culture (the request's language).</summary>
    public static string TitleFor(int status) => ProblemTexts.TitleFor(status).ToString();

    /// <summary>The title of a problem with <paramref name="status"/> in <paramref name="culture"/>.</summary>
    public static string TitleFor(int status, CultureInfo culture) => ProblemTexts.TitleFor(status).In(culture);

    /// <summary>Field messages in the current UI culture.</summary>
    internal static Dictionary<string, string[]>? Resolve(IDictionary<string, LocalizedText[]>? errors) =>
        errors?.ToDictionary(e => e.Key, e => e.Value.Select(m => m.ToString()).ToArray(), StringComparer.Ordinal);
}
