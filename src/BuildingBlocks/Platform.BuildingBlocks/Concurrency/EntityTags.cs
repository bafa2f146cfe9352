using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Platform.BuildingBlocks.Http;

namespace Platform.BuildingBlocks.Concurrency;

/// <summary>ETags of versioned records and the <c>If-Match</c> precondition of state transitions.</summary>
public static class EntityTags
{
    public const string PreconditionFailed = "resource.precondition_failed";

    /// <summary>The strong ETag of a version: <c>"7"</c>.</summary>
    public static string For(int version) => $"\"{version}\"";

    /// <summary>Sets the response's ETag to the record's version.</summary>
    public static void Set(HttpContext context, IVersioned record)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(record);
        context.Response.Headers.ETag = For(record.Version);
    }

    /// <summary>
    /// Refuses the transition with 412 when the request's <c>If-Match</c> names another version.
    /// Without <c>If-Match</c> the transition proceeds; concurrent saves are still caught by the version.
    /// </summary>
    public static void RequireMatch(HttpContext context, IVersioned record)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(record);
        var header = context.Request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return;
        }

        var current = For(record.Version);
        var tags = EntityTagHeaderValue.ParseList(header.Where(h => h is not null).Select(h => h!).ToArray());
        if (!tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Equals(current, StringComparison.Ordinal))))
        {
            throw new DomainException(StatusCodes.Status412PreconditionFailed, PreconditionFailed, ProblemTexts.RecordChanged(current));
        }
    }
}
