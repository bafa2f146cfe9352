using System.Text.Json.Serialization;

namespace Platform.BuildingBlocks.Http;

/// <summary>
/// RFC 9457 problem details as this platform writes them: the standard members plus a stable
/// machine-readable <c>code</c>, the <c>traceId</c> to quote to support, and field errors.
/// Declared as its own schema so the generated SDK exposes every member.
/// </summary>
public sealed class ApiProblem
{
    /// <summary>A URI reference identifying the problem type.</summary>
    public string? Type { get; set; }

    /// <summary>Short, human-readable summary of the problem type.</summary>
    public string? Title { get; set; }

    /// <summary>The HTTP status code.</summary>
    public int? Status { get; set; }

    /// <summary>Explanation specific to this occurrence.</summary>
    public string? Detail { get; set; }

    /// <summary>URI of the request that failed.</summary>
    public string? Instance { get; set; }

    /// <summary>Stable machine-readable code, for example <c>request.validation_failed</c>.</summary>
    public string Code { get; set; } = "";

    /// <summary>Trace identifier of the failed request.</summary>
    public string? TraceId { get; set; }

    /// <summary>Field errors: field path to messages. Present on validation failures.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string[]>? Errors { get; set; }
}
