using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Messaging;

/// <summary>Several relays over one database claim each delivery once.</summary>
public sealed class OutboxMultiInstanceTests
{
    private const int EventCount = 40;

    private static readonly Dictionary<string, string?> EagerPolling = new()
    {
        // Both relays poll constantly, so they keep finding the same candidates and race to claim them.
        ["Outbox:PollInterval"] = "00:00:00.020",
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Two_instances_over_one_database_handle_every_event_once_per_consumer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var run = ProbeRun.Start();
        await using var first = OutboxHarness.StartHost(database, relayEnabled: true, EagerPolling);
        await using var second = OutboxHarness.StartHost(database, relayEnabled: true, EagerPolling);
        var events = Enumerable.Range(0, EventCount).Select(i => run.NewEvent($"event-{i}")).ToArray();

        // Each instance publishes half, one commit per event, concurrently.
        await Task.WhenAll(events.Select((e, i) => Task.Run(() => OutboxHarness.PublishAsync(i % 2 == 0 ? first : second, e), TestContext.Current.CancellationToken)));

        var deliveries = await OutboxHarness.EventuallyAsync(
            () => OutboxHarness.DeliveriesAsync(first),
            ds => ds.Count == EventCount * 2 && ds.All(d => d.Status == DeliveryStatus.Delivered),
            $"all {EventCount * 2} deliveries to be delivered",
            first,
            TimeSpan.FromSeconds(30));

        Assert.All(deliveries, d =>
        {
            Assert.Equal(1, d.Attempts);
            Assert.Null(d.LastError);
        });
        Assert.Equal(0, run.FailureCount);

        var expected = events.SelectMany(e => ProbeConsumers.All.Select(c => (Consumer: c, e.EventId))).ToHashSet();
        var handled = run.Handled;
        Assert.Equal(EventCount * 2, handled.Count);
        Assert.Equal(expected, handled.ToHashSet());

        // Which instance dispatched how many: informative only, either may win every race.
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", run.HandledByInstance.Select(p => $"{p.Key}: {p.Value}")));

        var inbox = await OutboxHarness.InboxAsync(first);
        Assert.Equal(EventCount * 2, inbox.Count);
        Assert.Equal(expected, inbox.Select(i => (i.Consumer, EventId: i.MessageId)).ToHashSet());
    }

    // PostgreSQL only: on SQLite the held handler's open transaction holds the database's write lock,
    // so the other instance cannot claim anything until it is released.
    [Theory]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_delivery_another_instance_just_failed_is_not_retried_before_its_backoff_elapses(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var slowRetries = new Dictionary<string, string?>
        {
            ["Outbox:BaseRetryDelay"] = "01:00:00",
            ["Outbox:MaxRetryDelay"] = "01:00:00",
        };
        await using var database = await TestDatabase.CreateAsync(provider);
        using var run = ProbeRun.Start();
        run.SetFailing(ProbeConsumers.A, fail: true);

        // Relays off: the test drives one pass of each instance by hand.
        await using var first = OutboxHarness.StartHost(database, relayEnabled: false, slowRetries);
        await using var second = OutboxHarness.StartHost(database, relayEnabled: false, slowRetries);
        var events = new[] { run.NewEvent("one"), run.NewEvent("two") };
        await OutboxHarness.PublishAsync(first, events);

        // The second instance lists all four deliveries and is held in its first handling...
        var gate = run.HoldNextHandlingIn(OutboxHarness.Relay(second).InstanceId);
        var secondPass = OutboxHarness.Relay(second).RunOnceAsync(ct);
        await gate.Entered.WaitAsync(OutboxHarness.DefaultTimeout, ct);

        // ...while the first instance attempts the other three: A's fail and are due again in an hour.
        Assert.Equal(3, await OutboxHarness.Relay(first).RunOnceAsync(ct));

        // Released, the second instance walks its now stale list: nothing on it is due any more.
        gate.Release();
        Assert.Equal(1, await secondPass.WaitAsync(OutboxHarness.DefaultTimeout, ct));

        var deliveries = await OutboxHarness.DeliveriesAsync(first);
        Assert.Equal(4, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempts));
        Assert.All(deliveries.Where(d => d.Consumer == ProbeConsumers.A), d =>
        {
            Assert.Equal(DeliveryStatus.Pending, d.Status);
            Assert.True(d.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(30), $"next attempt at {d.NextAttemptAt:O}");
        });
        Assert.All(events, e => Assert.Equal(1, run.FailedCount(ProbeConsumers.A, e.EventId)));
        Assert.All(events, e => Assert.Equal(1, run.HandledCount(ProbeConsumers.B, e.EventId)));
    }
}
