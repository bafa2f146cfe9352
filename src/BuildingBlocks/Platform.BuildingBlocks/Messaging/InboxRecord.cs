namespace Platform.BuildingBlocks.Messaging;

/// <summary>A consumer's record that it handled an event, written in the same transaction as the handling.</summary>
public sealed class InboxRecord
{
    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DateTimeOffset HandledAt { get; set; }
}
