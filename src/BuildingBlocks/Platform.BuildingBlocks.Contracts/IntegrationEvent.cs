namespace Platform.BuildingBlocks.Contracts;

/// <summary>
/// A fact one module publishes for others. Events are written to the publishing module's outbox in the
/// same transaction as the state change they announce, and delivered at least once to each subscriber;
/// subscribers record what they handled, so each is handled once.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>
    /// Unique identifier of this occurrence; subscribers de-duplicate on it. A version 7 GUID: it begins with the
    /// time it was made, so subscribers that key rows by it append to their indexes instead of writing all over them.
    /// </summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>When the fact happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// The stable name an event is stored and routed under. Renaming the CLR type must not change it,
/// so every event declares one, conventionally <c>module.event_name.v1</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    /// <summary>The stable event name.</summary>
    public string Name { get; } = name;
}
