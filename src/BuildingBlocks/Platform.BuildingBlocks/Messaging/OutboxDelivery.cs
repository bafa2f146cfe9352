namespace Platform.BuildingBlocks.Messaging;

/// <summary>
/// The delivery of one outbox message to one consumer. Tracked per consumer, so a failing consumer
/// retries and dead-letters on its own without holding up the others.
/// </summary>
public sealed class OutboxDelivery
{
    public Guid Id { get; set; }

    public Guid MessageId { get; set; }

    public string Consumer { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The relay instance holding the row; others skip it until the lease expires.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public string? LastError { get; set; }
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    DeadLettered = 2,
}
