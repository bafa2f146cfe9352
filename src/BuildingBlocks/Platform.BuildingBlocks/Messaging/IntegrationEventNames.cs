using System.Collections.Concurrent;
using System.Reflection;
using Platform.BuildingBlocks.Contracts;

namespace Platform.BuildingBlocks.Messaging;

/// <summary>The stable name an event type is stored and routed under.</summary>
public static class IntegrationEventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(Type eventType) => Names.GetOrAdd(eventType, static type =>
        type.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name
        ?? throw new InvalidOperationException($"Integration event {type.FullName} must declare [IntegrationEventName]."));

    public static string Of<TEvent>()
        where TEvent : IntegrationEvent => Of(typeof(TEvent));
}
