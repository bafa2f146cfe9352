using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>Lists and replays dead-lettered deliveries across the enabled modules' outboxes.</summary>
public sealed class OutboxAdministration(IServiceProvider services, IEnumerable<ModuleDatabase> databases, TimeProvider time)
{
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(string? module, int limit, CancellationToken cancellationToken)
    {
        var result = new List<DeadLetter>();
        foreach (var database in Select(module))
        {
            await using var scope = services.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var rows = await db.OutboxDeliveries.AsNoTracking()
                .Where(d => d.Status == DeliveryStatus.DeadLettered)
                .Join(db.OutboxMessages.AsNoTracking(), d => d.MessageId, m => m.Id, (d, m) => new { d, m })
                .OrderBy(x => x.d.LastAttemptAt)
                .Take(limit)
                .ToListAsync(cancellationToken);
            result.AddRange(rows.Select(x => new DeadLetter(
                x.d.Id, database.ModuleName, x.m.Id, x.m.EventName, x.d.Consumer, x.d.Attempts, x.d.LastError, x.m.OccurredAt, x.d.LastAttemptAt)));
        }

        return result.OrderBy(d => d.LastAttemptAt).Take(limit).ToArray();
    }

    /// <summary>Puts a dead-lettered delivery back in the queue with a fresh attempt budget.</summary>
    public async Task<bool> ReplayAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var database in databases)
        {
            await using var scope = services.CreateAsyncScope();
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var changed = await db.WriteAsync(
                token => db.OutboxDeliveries
                    .Where(d => d.Id == deliveryId && d.Status == DeliveryStatus.DeadLettered)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.Status, DeliveryStatus.Pending)
                        .SetProperty(d => d.Attempts, 0)
                        .SetProperty(d => d.NextAttemptAt, now)
                        .SetProperty(d => d.LeaseOwner, (string?)null)
                        .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), token),
                cancellationToken);
            if (changed > 0)
            {
                services.GetRequiredService<OutboxSignal>().Notify();
                return true;
            }
        }

        return false;
    }

    private IEnumerable<ModuleDatabase> Select(string? module) =>
        module is null ? databases : databases.Where(d => string.Equals(d.ModuleName, module, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A delivery that kept failing and waits for an operator.</summary>
public sealed record DeadLetter(
    Guid DeliveryId,
    string Module,
    Guid MessageId,
    string EventName,
    string Consumer,
    int Attempts,
    string? LastError,
    DateTimeOffset OccurredAt,
    DateTimeOffset? LastAttemptAt);
