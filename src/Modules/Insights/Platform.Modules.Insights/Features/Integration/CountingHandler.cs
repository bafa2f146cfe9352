using Platform.BuildingBlocks.Contracts;
using Platform.BuildingBlocks.Messaging;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Features.Shared;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Integration;

/// <summary>
/// Counts one published event of another module: keeps it (once, by event id) and adds it to the counters
/// of every indicator it matches, in one transaction. Redelivered events count once; events arriving out of
/// order count on their own day, so the counters do not depend on the order.
/// </summary>
internal sealed class CountingHandler<TEvent>(InsightsDbContext db, TimeProvider time) : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    public async Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (await CounterBook.CountAsync(db, [EventFacts.From(integrationEvent, time.GetUtcNow())], cancellationToken) > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
