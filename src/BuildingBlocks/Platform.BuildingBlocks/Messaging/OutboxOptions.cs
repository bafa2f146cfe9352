namespace Platform.BuildingBlocks.Messaging;

/// <summary>The <c>Outbox</c> section: how the relay polls, retries and gives up.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Run the relay in this instance.</summary>
    public bool RelayEnabled { get; set; } = true;

    /// <summary>Attempts before a delivery is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed delivery is reserved for this instance.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Idle wait between polls; a commit in this process wakes the relay earlier.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Deliveries handed at once to a consumer that handles batches (only those due: in steady state a batch is small).
    /// 20,000 catches up a backlog of 1,000,000 counted events on SQLite in under 50 s; 10,000 took 57–60 s (README,
    /// Benchmarks). A batch holds the consumer's write transaction for about a second.
    /// </summary>
    public int ConsumerBatchSize { get; set; } = 20_000;

    /// <summary>The delay before attempt <paramref name="attempts"/> + 1.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var ticks = BaseRetryDelay.Ticks * Math.Pow(2, exponent);
        return ticks < MaxRetryDelay.Ticks ? TimeSpan.FromTicks((long)ticks) : MaxRetryDelay;
    }
}
