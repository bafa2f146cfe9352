using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Auditing;
using Platform.BuildingBlocks.Security;
using Platform.Modules.Platform.Persistence;

namespace Platform.Modules.Platform.Features.Audit;

/// <summary>
/// Appends to the chain in its own unit of work. Appends in this instance are serialised; across
/// instances the sequence's primary key lets only one writer take a position, and the loser retries
/// on the new tail.
/// </summary>
internal sealed class AuditTrail(IServiceScopeFactory scopes, CallerAccessor callers, TimeProvider time) : IAuditTrail
{
    private const int MaxAttempts = 20;
    private readonly SemaphoreSlim appending = new(1, 1);

    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var caller = callers.Current;
        var correlation = Activity.Current?.TraceId.ToString() ?? "";
        await appending.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var tail = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(cancellationToken);
                var entry = new AuditEntry
                {
                    Sequence = (tail?.Sequence ?? 0) + 1,
                    OccurredAt = Microseconds(time.GetUtcNow()),
                    Subject = caller.Subject,
                    Roles = caller.RolesText,
                    Region = caller.Scope.Code ?? "",
                    Action = record.Action,
                    EntityType = record.EntityType,
                    EntityId = Truncate(record.EntityId, 200),
                    Outcome = Truncate(record.Outcome, 100)!,
                    CorrelationId = correlation,
                    PreviousHash = tail?.Hash ?? AuditChain.Genesis,
                };
                entry.Hash = AuditChain.HashOf(entry);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    // Another instance took this position; go again on the new tail.
                }
            }
        }
        finally
        {
            appending.Release();
        }
    }

    // PostgreSQL keeps microseconds; hash the instant exactly as the database will give it back.
    private static DateTimeOffset Microseconds(DateTimeOffset instant) => instant.AddTicks(-(instant.UtcTicks % TimeSpan.TicksPerMicrosecond));

    private static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
