namespace Platform.BuildingBlocks.Messaging;

/// <summary>An integration event as written by the publishing module, in the same transaction as its state change.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string EventName { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset OccurredAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string? TraceParent { get; set; }
}
