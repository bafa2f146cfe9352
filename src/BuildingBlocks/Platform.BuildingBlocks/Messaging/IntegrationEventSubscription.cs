namespace Platform.BuildingBlocks.Messaging;

/// <summary>One consumer's subscription to one event name, with how to hand it a stored payload.</summary>
public sealed record IntegrationEventSubscription(
    string EventName,
    string Consumer,
    Func<IServiceProvider, Guid, string, CancellationToken, Task> Dispatch);

/// <summary>All subscriptions of the enabled modules.</summary>
public sealed class IntegrationEventSubscriptions(IEnumerable<IntegrationEventSubscription> subscriptions)
{
    private readonly ILookup<string, IntegrationEventSubscription> byEvent = subscriptions.ToLookup(s => s.EventName, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Consumers { get; } = subscriptions.Select(s => s.Consumer).Distinct(StringComparer.Ordinal).ToArray();

    public IEnumerable<IntegrationEventSubscription> For(string eventName) => byEvent[eventName];

    public IntegrationEventSubscription? Find(string eventName, string consumer) =>
        byEvent[eventName].FirstOrDefault(s => s.Consumer == consumer);
}
