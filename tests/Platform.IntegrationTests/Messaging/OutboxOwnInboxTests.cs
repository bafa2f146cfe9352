using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.Modules.Platform.Persistence;

namespace Platform.IntegrationTests.Messaging;

/// <summary>
/// A batch consumer registered with <c>handlerDeduplicates</c> keeps its own inbox: the relay delivers to it as to any
/// consumer, but no inbox record is written or read for it, so a redelivery reaches its handler, which must skip it.
/// </summary>
public sealed class OutboxOwnInboxTests
{
    private const string Consumer = "tests.own_inbox_consumer";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Deliveries_reach_the_handler_without_inbox_records_and_a_redelivery_reaches_it_again(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var host = Start(database);
        using var run = ProbeRun.Start();
        var events = Enumerable.Range(1, 12).Select(i => run.NewEvent($"own-{i}")).ToArray();

        await OutboxHarness.PublishAsync(host, events);

        await OutboxHarness.EventuallyAsync(
            () => OutboxHarness.DeliveriesAsync(host),
            ds => events.All(e => ds.Any(d => d.MessageId == e.EventId && d.Consumer == Consumer && d.Status == DeliveryStatus.Delivered)),
            "every delivery to the consumer with its own inbox to be delivered",
            host);
        Assert.All(events, e => Assert.Equal(1, OwnInboxProbe.Handled(e.EventId)));
        Assert.DoesNotContain(await OutboxHarness.InboxAsync(host), i => i.Consumer == Consumer);

        // Handed the same messages again (a redelivery after a crash between the handler's commit and the relay's mark):
        // the platform does not filter them, the handler sees them again.
        var subscription = host.Services.GetRequiredService<IntegrationEventSubscriptions>().Find(IntegrationEventNames.Of<ProbeHappened>(), Consumer)!;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await subscription.DispatchBatch!(scope.ServiceProvider, events.Select(e => (e.EventId, IntegrationEventSerializer.Serialize(e))).ToList(), TestContext.Current.CancellationToken);
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await subscription.Dispatch(scope.ServiceProvider, events[0].EventId, IntegrationEventSerializer.Serialize(events[0]), TestContext.Current.CancellationToken);
        }

        Assert.Equal(3, OwnInboxProbe.Handled(events[0].EventId));
        Assert.All(events.Skip(1), e => Assert.Equal(2, OwnInboxProbe.Handled(e.EventId)));
        Assert.DoesNotContain(await OutboxHarness.InboxAsync(host), i => i.Consumer == Consumer);
    }

    private static PlatformFactory Start(TestDatabase database)
    {
        var factory = new PlatformFactory(new SharedTestDatabase(database), new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Outbox:RelayEnabled"] = "true",
            ["Outbox:ConsumerBatchSize"] = "5",
        })
        {
            ConfigureTestServices = services => services.AddBatchIntegrationEventHandler<ProbeHappened, OwnInboxProbe, PlatformDbContext>(Consumer, handlerDeduplicates: true),
        };
        factory.StartServer();
        return factory;
    }
}

/// <summary>Counts each event it is handed (a real consumer with its own inbox would skip the ones it kept).</summary>
internal sealed class OwnInboxProbe : IBatchIntegrationEventHandler<ProbeHappened>
{
    private static readonly ConcurrentDictionary<Guid, int> Counts = new();

    public static int Handled(Guid eventId) => Counts.GetValueOrDefault(eventId);

    public Task HandleAsync(ProbeHappened integrationEvent, CancellationToken cancellationToken) => HandleBatchAsync([integrationEvent], cancellationToken);

    public Task HandleBatchAsync(IReadOnlyList<ProbeHappened> integrationEvents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvents);
        foreach (var integrationEvent in integrationEvents)
        {
            Counts.AddOrUpdate(integrationEvent.EventId, 1, (_, count) => count + 1);
        }

        return Task.CompletedTask;
    }
}
