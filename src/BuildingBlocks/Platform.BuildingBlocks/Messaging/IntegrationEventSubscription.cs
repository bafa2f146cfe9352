namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// One consumer's subscription to one event name, with how to hand it a stored payload, and for a consumer
/// that handles events in batches, how to hand it many (message id, payload) pairs in one transaction.
/// </summary>
public sealed record IntegrationEventSubscription(
    string EventName,
    string Consumer,
    Func<IServiceProvider, Guid, string, CancellationToken, Task> Dispatch,
    Func<IServiceProvider, IReadOnlyList<(Guid MessageId, string Payload)>, CancellationToken, Task>? DispatchBatch = null);

/// <summary>All subscriptions of the enabled modules.</summary>
public sealed class IntegrationEventSubscriptions(IEnumerable<IntegrationEventSubscription> subscriptions)
{
    private readonly ILookup<string, IntegrationEventSubscription> byEvent = subscriptions.ToLookup(s => s.EventName, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Consumers { get; } = subscriptions.Select(s => s.Consumer).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The consumers that take their deliveries in batches (one subscription each).</summary>
    public IReadOnlyList<IntegrationEventSubscription> BatchConsumers { get; } = subscriptions.Where(s => s.DispatchBatch is not null).ToArray();

    public IEnumerable<IntegrationEventSubscription> For(string eventName) => byEvent[eventName];

    public IntegrationEventSubscription? Find(string eventName, string consumer) =>
        byEvent[eventName].FirstOrDefault(s => s.Consumer == consumer);
}
