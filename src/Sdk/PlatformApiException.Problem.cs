using System.Text.Json;

namespace Platform.Sdk;

/// <summary>
/// Every failed call raises a <see cref="PlatformApiException"/>; this part reads the platform's
/// problem details from it, whether or not the operation declared that status.
/// </summary>
public partial class PlatformApiException
{
    private ApiProblem? problem;
    private bool problemRead;

    /// <summary>The problem details the platform answered with, or none if the body was not one.</summary>
    public ApiProblem? Problem
    {
        get
        {
            if (!problemRead)
            {
                problem = this is PlatformApiException<ApiProblem> typed ? typed.Result : TryParse(Response);
                problemRead = true;
            }

            return problem;
        }
    }

    /// <summary>The stable machine-readable code, for example <c>request.validation_failed</c>.</summary>
    public string? Code => Problem?.Code;

    /// <summary>The trace identifier to quote to support.</summary>
    public string? TraceId => Problem?.TraceId;

    /// <summary>Field errors of a validation failure: field path to messages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors =>
        Problem?.Errors?.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.ToArray())
        ?? new Dictionary<string, IReadOnlyList<string>>();

    private static ApiProblem? TryParse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ApiProblem>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
