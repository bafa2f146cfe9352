using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.BuildingBlocks.Persistence;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Writes the events a module published into its outbox as part of the same <c>SaveChanges</c>,
/// with one delivery row per current subscriber.
/// </summary>
public sealed class OutboxSaveChangesInterceptor(IntegrationEventSubscriptions subscriptions, OutboxSignal signal, TimeProvider time) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        WriteOutbox(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        WriteOutbox(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        NotifyIfOutboxWritten(eventData);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NotifyIfOutboxWritten(eventData);
        return ValueTask.FromResult(result);
    }

    private void WriteOutbox(DbContext? context)
    {
        if (context is not ModuleDbContext module)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var integrationEvent in module.TakePendingEvents())
        {
            var name = IntegrationEventNames.Of(integrationEvent.GetType());
            module.OutboxMessages.Add(new OutboxMessage
            {
                Id = integrationEvent.EventId,
                EventName = name,
                Payload = IntegrationEventSerializer.Serialize(integrationEvent),
                OccurredAt = integrationEvent.OccurredAt,
                RecordedAt = now,
                TraceParent = Activity.Current?.Id,
            });
            foreach (var subscription in subscriptions.For(name))
            {
                module.OutboxDeliveries.Add(new OutboxDelivery
                {
                    Id = Guid.CreateVersion7(),
                    MessageId = integrationEvent.EventId,
                    Consumer = subscription.Consumer,
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                });
            }
        }
    }

    private void NotifyIfOutboxWritten(SaveChangesCompletedEventData eventData)
    {
        if (eventData.Context is ModuleDbContext && eventData.EntitiesSavedCount > 0)
        {
            signal.Notify();
        }
    }
}
