using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Messaging;

/// <summary>Committed events survive the process that wrote them, and are handled once after a restart.</summary>
public sealed class OutboxRestartTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    [InlineData(DatabaseProvider.SqlServer)]
    public async Task An_event_committed_before_a_crash_is_delivered_once_to_each_consumer_by_the_next_instance(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        using var run = ProbeRun.Start();
        var probe = run.NewEvent("survives-restart");

        await using (var first = OutboxHarness.StartHost(database, relayEnabled: false))
        {
            await OutboxHarness.PublishAsync(first, probe);
            var pending = await OutboxHarness.DeliveriesAsync(first, probe.EventId);
            Assert.Equal(2, pending.Count);
            Assert.All(pending, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        }

        Assert.Empty(run.Handled);

        await using var second = OutboxHarness.StartHost(database, relayEnabled: true);
        var deliveries = await OutboxHarness.WaitForDeliveriesAsync(
            second, probe.EventId, ds => ds.Count == 2 && ds.All(d => d.Status == DeliveryStatus.Delivered), "both deliveries to be delivered");

        Assert.All(deliveries, d =>
        {
            Assert.Equal(1, d.Attempts);
            Assert.NotNull(d.DeliveredAt);
            Assert.Null(d.LeaseOwner);
            Assert.Null(d.LastError);
        });
        Assert.Equal(0, await OutboxHarness.Relay(second).RunOnceAsync(ct));
        foreach (var consumer in ProbeConsumers.All)
        {
            Assert.Equal(1, run.HandledCount(consumer, probe.EventId));
        }

        var inbox = await OutboxHarness.InboxAsync(second, probe.EventId);
        Assert.Equal(ProbeConsumers.All.Order(StringComparer.Ordinal), inbox.Select(i => i.Consumer).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_delivery_the_consumer_already_recorded_in_its_inbox_is_marked_delivered_without_handling_it_again(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        using var run = ProbeRun.Start();
        var probe = run.NewEvent("handled-before-crash");
        var handledAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        await using (var first = OutboxHarness.StartHost(database, relayEnabled: false))
        {
            await OutboxHarness.PublishAsync(first, probe);

            // Consumer A committed its handling (inbox row), then the process died before the relay
            // marked A's delivery: the delivery is still Pending.
            await OutboxHarness.QueryAsync(first, async (db, token) =>
            {
                db.InboxRecords.Add(new InboxRecord { MessageId = probe.EventId, Consumer = ProbeConsumers.A, HandledAt = handledAt });
                return await db.SaveChangesAsync(token);
            });
            var pending = await OutboxHarness.DeliveriesAsync(first, probe.EventId);
            Assert.All(pending, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        }

        await using var second = OutboxHarness.StartHost(database, relayEnabled: true);
        var deliveries = await OutboxHarness.WaitForDeliveriesAsync(
            second, probe.EventId, ds => ds.Count == 2 && ds.All(d => d.Status == DeliveryStatus.Delivered), "both deliveries to be delivered");

        Assert.All(deliveries, d => Assert.Equal(1, d.Attempts));
        Assert.Equal(0, await OutboxHarness.Relay(second).RunOnceAsync(ct));
        Assert.Equal(0, run.HandledCount(ProbeConsumers.A, probe.EventId));
        Assert.Equal(1, run.HandledCount(ProbeConsumers.B, probe.EventId));

        var inbox = await OutboxHarness.InboxAsync(second, probe.EventId);
        var a = Assert.Single(inbox, i => i.Consumer == ProbeConsumers.A);
        Assert.Equal(handledAt, a.HandledAt);
        Assert.Single(inbox, i => i.Consumer == ProbeConsumers.B);
    }
}
