using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Messaging;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Integration;

/// <summary>
/// Counts one published event of another module: keeps it (once, by event id) and adds it to the counters
/// of every indicator it matches, in one transaction. Redelivered events count once; events arriving out of
/// order count on their own day, so the counters do not depend on the order. Catching up on a large
/// outbox, the relay hands it a batch at a time (one transaction per batch).
/// </summary>
internal sealed class CountingHandler<TEvent>(InsightsDbContext db, TimeProvider time) : IBatchIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return HandleBatchAsync([integrationEvent], cancellationToken);
    }

    public async Task HandleBatchAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvents);
        var now = time.GetUtcNow();
        if (await CounterBook.CountAsync(db, integrationEvents.Select(e => EventFacts.From(e, now)).ToList(), cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
