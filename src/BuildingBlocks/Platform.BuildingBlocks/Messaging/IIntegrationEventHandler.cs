using Platform.BuildingBlocks.Contracts;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// Handles an integration event inside the consuming module. It runs in a transaction on the
/// consumer's own context together with the inbox record, so its changes and the "handled" mark
/// commit together; it must only change that context.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

/// <summary>
/// Handles many deliveries of an integration event at once (a consumer catching up on a large outbox).
/// The batch runs in one transaction on the consumer's own context together with the inbox records of
/// its messages; messages already in the inbox are left out. Handlers must still tolerate an event seen
/// before under another message (they de-duplicate on the event id).
/// </summary>
public interface IBatchIntegrationEventHandler<in TEvent> : IIntegrationEventHandler<TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleBatchAsync(IReadOnlyList<TEvent> integrationEvents, CancellationToken cancellationToken);
}
