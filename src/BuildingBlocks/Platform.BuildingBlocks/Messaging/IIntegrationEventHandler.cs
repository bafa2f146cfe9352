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
