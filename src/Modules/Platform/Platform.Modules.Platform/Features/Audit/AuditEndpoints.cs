using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Http;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Audit;

/// <summary>An audit entry: who did what, where, when, with which outcome.</summary>
/// <param name="Sequence">Position in the chain.</param>
/// <param name="OccurredAt">When (UTC).</param>
/// <param name="Subject">The caller.</param>
/// <param name="Roles">The caller's roles.</param>
/// <param name="Region">The caller's region scope.</param>
/// <param name="Action">The command's endpoint name, or <c>pii.read</c>.</param>
/// <param name="EntityType">The module or kind of record.</param>
/// <param name="EntityId">The record, as route values.</param>
/// <param name="Outcome">HTTP status and problem code.</param>
/// <param name="CorrelationId">Trace id of the request.</param>
/// <param name="Hash">This entry's hash.</param>
internal sealed record AuditEntryResponse(long Sequence, DateTimeOffset OccurredAt, string Subject, string Roles, string Region, string Action,
    string? EntityType, string? EntityId, string Outcome, string CorrelationId, string Hash);

/// <summary>A page of audit entries, newest first.</summary>
/// <param name="Items">The entries.</param>
/// <param name="NextCursor">Pass as <c>before</c> for the next (older) page.</param>
internal sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, long? NextCursor);

/// <summary>Whether the audit chain is intact.</summary>
/// <param name="Intact">True when every entry links to its predecessor and matches its hash.</param>
/// <param name="Checked">Entries checked.</param>
/// <param name="BrokenAt">The first entry where the chain breaks.</param>
/// <param name="Reason">How it breaks.</param>
internal sealed record AuditVerification(bool Intact, long Checked, long? BrokenAt, string? Reason);

internal static class AuditEndpoints
{
    private const int BatchSize = 1000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/audit", SearchAsync)
            .WithName("Platform_SearchAudit")
            .RequirePermission(Permissions.AuditRead)
            .WithSummary("Search the audit trail")
            .WithDescription("Every state-changing command and every unmasked personal-data read, newest first, filtered by caller, action, record, outcome and time.");

        routes.MapGet("/audit/verification", VerifyAsync)
            .WithName("Platform_VerifyAudit")
            .RequirePermission(Permissions.AuditRead)
            .WithSummary("Verify the audit chain")
            .WithDescription("Recomputes every entry's hash and link; reports whether the chain is intact and where it first breaks.");
    }

    /// <param name="subject">Only this caller.</param>
    /// <param name="action">Only this action (endpoint name or pii.read).</param>
    /// <param name="entityId">Only entries whose record identifier contains this text.</param>
    /// <param name="outcome">Only outcomes starting with this (e.g. 422).</param>
    /// <param name="from">From this instant (inclusive).</param>
    /// <param name="to">Before this instant.</param>
    /// <param name="before">Cursor: entries before this sequence.</param>
    /// <param name="limit">Page size, 1 to 500 (default 100).</param>
    /// <param name="db">The module's context.</param>
    /// <param name="cancellationToken">Request abort.</param>
    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> SearchAsync(
        string? subject, string? action, string? entityId, string? outcome, DateTimeOffset? from, DateTimeOffset? to, long? before, int? limit,
        PlatformDbContext db, CancellationToken cancellationToken)
    {
        var take = limit ?? 100;
        if (take is < 1 or > 500)
        {
            return ApiProblems.Validation("limit", ProblemTexts.PageSizeBetween(1, 500));
        }

        var query = db.AuditEntries.AsNoTracking();
        if (subject is not null)
        {
            query = query.Where(e => e.Subject == subject);
        }

        if (action is not null)
        {
            query = query.Where(e => e.Action == action);
        }

        if (entityId is not null)
        {
            query = query.Where(e => e.EntityId != null && e.EntityId.Contains(entityId));
        }

        if (outcome is not null)
        {
            query = query.Where(e => e.Outcome.StartsWith(outcome));
        }

        if (from is { } start)
        {
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(e => e.OccurredAt < end);
        }

        if (before is { } cursor)
        {
            query = query.Where(e => e.Sequence < cursor);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(take + 1)
            .Select(e => new AuditEntryResponse(e.Sequence, e.OccurredAt, e.Subject, e.Roles, e.Region, e.Action, e.EntityType, e.EntityId, e.Outcome, e.CorrelationId, e.Hash))
            .ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].Sequence : (long?)null;
        return TypedResults.Ok(new AuditPage(rows.Take(take).ToArray(), next));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(PlatformDbContext db, CancellationToken cancellationToken)
    {
        long previousSequence = 0;
        var previousHash = AuditChain.Genesis;
        long checkedCount = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > previousSequence)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return TypedResults.Ok(new AuditVerification(true, checkedCount, null, null));
            }

            if (AuditChain.FindBreak(batch, previousSequence, previousHash) is { } broken)
            {
                return TypedResults.Ok(new AuditVerification(false, checkedCount + batch.Count(e => e.Sequence < broken.Sequence), broken.Sequence, broken.Description));
            }

            checkedCount += batch.Count;
            previousSequence = batch[^1].Sequence;
            previousHash = batch[^1].Hash;
        }
    }
}
