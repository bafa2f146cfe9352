using System.Collections.Concurrent;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Messaging;

/// <summary>
/// A batch consumer gets many deliveries per transaction, each handled once; one bad message in a batch
/// does not hold the others back (the batch is retried one delivery at a time).
/// </summary>
public sealed class OutboxBatchTests
{
    private const string Consumer = "tests.batch_consumer";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deliveries_arrive_in_batches_of_at_most_the_configured_size_and_each_is_handled_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = Start(database);
        using var run = ProbeRun.Start();
        var events = Enumerable.Range(1, 25).Select(i => run.NewEvent($"batch-{i}")).ToArray();

        await OutboxHarness.PublishAsync(host, events);

        await OutboxHarness.EventuallyAsync(
            () => OutboxHarness.DeliveriesAsync(host),
            ds => events.All(e => ds.Any(d => d.MessageId == e.EventId && d.Consumer == Consumer && d.Status == DeliveryStatus.Delivered)),
            "every batch delivery to be delivered",
            host);
        Assert.All(events, e => Assert.Equal(1, run.HandledCount(Consumer, e.EventId)));
        var batches = BatchProbe.Sizes(run.Id);
        Assert.All(batches, size => Assert.InRange(size, 1, 10));
        Assert.Equal(25, batches.Sum());
        Assert.Contains(batches, size => size > 1);
        var inbox = await OutboxHarness.InboxAsync(host);
        Assert.Equal(25, inbox.Count(i => i.Consumer == Consumer && events.Any(e => e.EventId == i.MessageId)));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_bad_message_fails_alone_and_the_rest_of_its_batch_is_delivered(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = Start(database);
        using var run = ProbeRun.Start();
        var good = Enumerable.Range(1, 6).Select(i => run.NewEvent($"good-{i}")).ToArray();
        var bad = run.NewEvent("poison");

        await OutboxHarness.PublishAsync(host, [.. good, bad]);

        var deliveries = await OutboxHarness.EventuallyAsync(
            () => OutboxHarness.DeliveriesAsync(host),
            ds => good.All(e => ds.Any(d => d.MessageId == e.EventId && d.Consumer == Consumer && d.Status == DeliveryStatus.Delivered))
                && ds.Any(d => d.MessageId == bad.EventId && d.Consumer == Consumer && d.Attempts >= 1 && d.LastError != null),
            "the good messages delivered and the bad one failed",
            host);
        Assert.All(good, e => Assert.Equal(1, run.HandledCount(Consumer, e.EventId)));
        Assert.Equal(0, run.HandledCount(Consumer, bad.EventId));
        var failed = deliveries.Single(d => d.MessageId == bad.EventId && d.Consumer == Consumer);
        Assert.NotEqual(DeliveryStatus.Delivered, failed.Status);
        Assert.Contains("poison", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(await OutboxHarness.InboxAsync(host, bad.EventId), i => i.Consumer == Consumer);
    }

    private static PlatformFactory Start(TestDatabase database)
    {
        var factory = new PlatformFactory(new SharedTestDatabase(database), new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Outbox:RelayEnabled"] = "true",
            ["Outbox:ConsumerBatchSize"] = "10",
            ["Outbox:BaseRetryDelay"] = "00:00:30",
        })
        {
            ConfigureTestServices = services => services.AddBatchIntegrationEventHandler<ProbeHappened, BatchProbe, PlatformDbContext>(Consumer),
        };
        factory.StartServer();
        return factory;
    }
}

/// <summary>A batch consumer that records each batch's size per run and refuses a batch holding a "poison" event.</summary>
internal sealed class BatchProbe : IBatchIntegrationEventHandler<ProbeHappened>
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<int>> BatchSizes = new(StringComparer.Ordinal);

    public static IReadOnlyList<int> Sizes(string run) => BatchSizes.TryGetValue(run, out var sizes) ? sizes.ToArray() : [];

    public Task HandleAsync(ProbeHappened integrationEvent, CancellationToken cancellationToken) => HandleBatchAsync([integrationEvent], cancellationToken);

    public async Task HandleBatchAsync(IReadOnlyList<ProbeHappened> integrationEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvents);
        if (integrationEvents.FirstOrDefault(e => e.Label.EndsWith(":poison", StringComparison.Ordinal)) is { } poison)
        {
            throw new InvalidOperationException($"The batch holds {poison.Label}.");
        }

        foreach (var group in integrationEvents.GroupBy(e => ProbeRun.Find(e.Label)).Where(g => g.Key is not null))
        {
            BatchSizes.GetOrAdd(group.Key!.Id, _ => new ConcurrentQueue<int>()).Enqueue(group.Count());
            foreach (var integrationEvent in group)
            {
                await group.Key.HandleAsync("tests.batch_consumer", integrationEvent, "batch", cancellationToken);
            }
        }
    }
}
