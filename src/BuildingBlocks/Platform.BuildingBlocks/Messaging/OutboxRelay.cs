using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Delivers outbox rows of every enabled module to their consumers. Safe to run in several
/// instances over one database: a delivery is claimed by a conditional update that sets a lease,
/// and only the claimant dispatches it until the lease runs out. Consumers de-duplicate through
/// their inbox, so a delivery retried after a crash is still handled once.
/// </summary>
public sealed partial class OutboxRelay(
    IServiceProvider services,
    IEnumerable<ModuleDatabase> databases,
    IntegrationEventSubscriptions subscriptions,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    internal static readonly Meter Meter = new("Platform.Outbox");
    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("outbox.deliveries.delivered");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("outbox.deliveries.failed");
    private static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("outbox.deliveries.dead_lettered");
    private static readonly ActivitySource Source = new("Platform.Outbox");

    private readonly ModuleDatabase[] databases = databases.ToArray();

    /// <summary>Identifies this instance's leases.</summary>
    public string InstanceId { get; } = Truncate($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}", 100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RelayEnabled || databases.Length == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The relay must survive a database outage and try again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRelayFailure(logger, exception);
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass over every module's outbox; returns how many deliveries it attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var attempted = 0;
        foreach (var database in databases)
        {
            attempted += await RelayModuleAsync(database, cancellationToken);
        }

        return attempted;
    }

    private async Task<int> RelayModuleAsync(ModuleDatabase database, CancellationToken cancellationToken)
    {
        var batched = subscriptions.BatchConsumers.Select(s => s.Consumer).ToHashSet(StringComparer.Ordinal);
        var consumers = subscriptions.Consumers.Where(c => !batched.Contains(c)).ToArray();
        var attemptedInBatches = batched.Count == 0 ? 0 : await RelayBatchesAsync(database, cancellationToken);

        if (consumers.Length == 0)
        {
            return attemptedInBatches;
        }

        var settings = options.Value;
        await using var scope = services.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var now = time.GetUtcNow();
        var candidates = await db.OutboxDeliveries.AsNoTracking()
            .Where(Claimable(now))
            .Where(d => consumers.Contains(d.Consumer))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var attempted = 0;
        foreach (var id in candidates)
        {
            now = time.GetUtcNow();
            var leaseUntil = now + settings.LeaseDuration;
            var claimed = await db.WriteAsync(
                token => db.OutboxDeliveries
                    .Where(Claimable(now)).Where(d => d.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, InstanceId).SetProperty(d => d.LeaseExpiresAt, leaseUntil), token),
                cancellationToken);
            if (claimed == 0)
            {
                continue; // Another instance holds it.
            }

            attempted++;
            var row = await db.OutboxDeliveries.AsNoTracking()
                .Where(d => d.Id == id)
                .Join(db.OutboxMessages.AsNoTracking(), d => d.MessageId, m => m.Id, (d, m) => new { d.Consumer, d.Attempts, m.Id, m.EventName, m.Payload, m.TraceParent })
                .SingleAsync(cancellationToken);
            var subscription = subscriptions.Find(row.EventName, row.Consumer);
            string? error = null;
            if (subscription is null)
            {
                error = $"No consumer '{row.Consumer}' subscribes to '{row.EventName}' in this instance.";
            }
            else
            {
                using var activity = Source.StartActivity($"deliver {row.EventName}", ActivityKind.Consumer, row.TraceParent);
                activity?.SetTag("messaging.consumer", row.Consumer);
                try
                {
                    await using var dispatchScope = services.CreateAsyncScope();
                    await subscription.Dispatch(dispatchScope.ServiceProvider, row.Id, row.Payload, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A consumer's failure is recorded against its delivery, never thrown past the relay.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    error = $"{exception.GetType().Name}: {exception.Message}";
                    LogDeliveryFailure(logger, exception, row.EventName, row.Consumer, row.Attempts + 1);
                }
            }

            await RecordOutcomeAsync(db, id, row.Attempts + 1, error, cancellationToken);
        }

        return attempted + attemptedInBatches;
    }

    /// <summary>
    /// Hands one batch consumer its due deliveries of this module at once: claimed with one conditional update, dispatched in one transaction, marked delivered
    /// with one update. When the batch fails, each delivery is dispatched on its own and recorded as usual.
    /// </summary>
    private async Task<int> RelayBatchesAsync(ModuleDatabase database, CancellationToken cancellationToken)
    {
        // One read of the oldest due deliveries of every batch consumer (not one per consumer: an idle
        // consumer's query would otherwise walk a large backlog of the others on every pass).
        var settings = options.Value;
        var consumers = subscriptions.BatchConsumers.Select(s => s.Consumer).ToArray();
        List<(Guid Id, string Consumer)> due;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var now = time.GetUtcNow();
            due = (await db.OutboxDeliveries.AsNoTracking()
                    .Where(Claimable(now))
                    .Where(d => consumers.Contains(d.Consumer))
                    .OrderBy(d => d.NextAttemptAt)
                    .Select(d => new { d.Id, d.Consumer })
                    .Take(settings.ConsumerBatchSize)
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Id, d.Consumer))
                .ToList();
        }

        var attempted = 0;
        foreach (var group in due.GroupBy(d => d.Consumer, StringComparer.Ordinal))
        {
            var subscription = subscriptions.BatchConsumers.First(s => s.Consumer == group.Key);
            attempted += await RelayBatchAsync(database, subscription, group.Select(d => d.Id).ToList(), cancellationToken);
        }

        return attempted;
    }

    private async Task<int> RelayBatchAsync(ModuleDatabase database, IntegrationEventSubscription subscription, List<Guid> candidates, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = services.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
        var now = time.GetUtcNow();
        var consumer = subscription.Consumer;

        var leaseUntil = now + settings.LeaseDuration;
        await db.WriteAsync(
            token => db.OutboxDeliveries
                .Where(Claimable(now))
                .Where(d => EF.Parameter(candidates).Contains(d.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, InstanceId).SetProperty(d => d.LeaseExpiresAt, leaseUntil), token),
            cancellationToken);
        var rows = await db.OutboxDeliveries.AsNoTracking()
            .Where(d => EF.Parameter(candidates).Contains(d.Id) && d.LeaseOwner == InstanceId)
            .Join(db.OutboxMessages.AsNoTracking(), d => d.MessageId, m => m.Id, (d, m) => new { DeliveryId = d.Id, d.Attempts, m.Id, m.EventName, m.Payload })
            .ToListAsync(cancellationToken);
        var mine = rows.Where(r => r.EventName == subscription.EventName).ToList();
        if (mine.Count == 0)
        {
            return 0;
        }

        using (var activity = Source.StartActivity($"deliver {subscription.EventName} ×{mine.Count}", ActivityKind.Consumer))
        {
            activity?.SetTag("messaging.consumer", consumer);
            try
            {
                await using var dispatchScope = services.CreateAsyncScope();
                await subscription.DispatchBatch!(dispatchScope.ServiceProvider, mine.Select(r => (r.Id, r.Payload)).ToList(), cancellationToken);
                var ids = mine.Select(r => r.DeliveryId).ToList();
                await MarkDeliveredAsync(db, db.OutboxDeliveries.Where(d => EF.Parameter(ids).Contains(d.Id) && d.LeaseOwner == InstanceId), cancellationToken);
                Delivered.Add(mine.Count);
                return mine.Count;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A failed batch is retried one delivery at a time below.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogBatchFailure(logger, exception, subscription.EventName, consumer, mine.Count);
            }
        }

        foreach (var row in mine)
        {
            string? error = null;
            try
            {
                await using var dispatchScope = services.CreateAsyncScope();
                await subscription.Dispatch(dispatchScope.ServiceProvider, row.Id, row.Payload, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // A consumer's failure is recorded against its delivery, never thrown past the relay.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                error = $"{exception.GetType().Name}: {exception.Message}";
                LogDeliveryFailure(logger, exception, row.EventName, consumer, row.Attempts + 1);
            }

            await RecordOutcomeAsync(db, row.DeliveryId, row.Attempts + 1, error, cancellationToken);
        }

        return mine.Count;
    }

    private async Task RecordOutcomeAsync(ModuleDbContext db, Guid id, int attempts, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var mine = db.OutboxDeliveries.Where(d => d.Id == id && d.LeaseOwner == InstanceId);
        if (error is null)
        {
            await MarkDeliveredAsync(db, mine, cancellationToken);
            Delivered.Add(1);
            return;
        }

        var settings = options.Value;
        var dead = attempts >= settings.MaxAttempts;
        var truncated = error.Length > 2000 ? error[..2000] : error;
        await db.WriteAsync(
            token => mine.ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, dead ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.NextAttemptAt, now + settings.RetryDelay(attempts))
                .SetProperty(d => d.LastError, truncated)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), token),
            cancellationToken);
        (dead ? DeadLettered : Failed).Add(1);
    }

    /// <summary>The deliveries this instance leased and whose consumer handled them: one more attempt, delivered now, lease released.</summary>
    private Task<int> MarkDeliveredAsync(ModuleDbContext db, IQueryable<OutboxDelivery> mine, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.WriteAsync(
            token => mine.ExecuteUpdateAsync(
                s => s
                    .SetProperty(d => d.Status, DeliveryStatus.Delivered)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.LastAttemptAt, now)
                    .SetProperty(d => d.DeliveredAt, now)
                    .SetProperty(d => d.LastError, (string?)null)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null),
                token),
            cancellationToken);
    }

    /// <summary>Pending, due, and not leased by a live relay instance.</summary>
    private static Expression<Func<OutboxDelivery, bool>> Claimable(DateTimeOffset now) =>
        d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now);

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Outbox relay pass failed; retrying")]
    private static partial void LogRelayFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "A batch of {Count} deliveries of {EventName} to {Consumer} failed; delivering them one by one")]
    private static partial void LogBatchFailure(ILogger logger, Exception exception, string eventName, string consumer, int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Delivery of {EventName} to {Consumer} failed on attempt {Attempt}")]
    private static partial void LogDeliveryFailure(ILogger logger, Exception exception, string eventName, string consumer, int attempt);
}
