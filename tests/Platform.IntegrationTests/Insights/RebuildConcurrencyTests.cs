using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Platform;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Kit = Platform.IntegrationTests.Insights.CountingKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// Redefining an indicator rebuilds its counters while the relay keeps counting new events: the two take turns, so
/// every event ends up counted exactly once whatever the interleaving (the rebuild counts it, or the batch after it
/// does with the new definition), and the counters equal a recount of the events kept.
/// </summary>
public sealed class RebuildConcurrencyTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private const string Consumer = "insights.business_registered";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Events_counted_while_the_indicator_is_redefined_again_and_again_are_each_counted_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511823"; // 汉源县
        var industry = "Industry" + Guid.NewGuid().ToString("N")[..8];
        var code = Kit.NewCode("rebuild_race");
        using var admin = Kit.Administrator(host);
        var (_, etag) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, filter: $"industry={industry}"));
        var first = new DateOnly(2024, 3, 1);
        var events = Enumerable.Range(0, 90)
            .Select(i => Kit.Business(Kit.NewPerson(), County, first.AddDays(i % 30), industry, $"测试企业{i}") with { EventId = Guid.CreateVersion7() })
            .ToList();

        // Ten events before, eighty in batches of four (as the relay hands them: one transaction a batch) while the
        // indicator is redefined six times, alternating two filters that both select the industry.
        await DispatchAsync(host, events.Take(10).ToList());
        var counting = Task.Run(
            async () =>
            {
                foreach (var batch in events.Skip(10).Chunk(4))
                {
                    await DispatchAsync(host, batch);
                }
            },
            Token);
        for (var round = 0; round < 6; round++)
        {
            var filter = round % 2 == 0 ? $"industry={industry}|Unused" : $"industry={industry}";
            (_, etag) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, filter: filter), etag);
        }

        await counting;

        Assert.Equal(90, await Kit.DbAsync(host, db => db.Events.AsNoTracking().CountAsync(e => e.EventName == BusinessRegistered.Name && e.Attributes.Contains(industry), Token)));
        Assert.Equal(90m, await Kit.TotalAsync(host, code, County));
        Assert.Equal(90m, await Kit.TotalAsync(host, code, Kit.CityOf(County)));
        Assert.Equal(90m, await Kit.TotalAsync(host, code, Kit.Sichuan));
        var counters = await Kit.CountersAsync(host, code);
        Assert.All(Enumerable.Range(0, 30), day => Assert.Equal(3m, counters.GetValueOrDefault((County, first.AddDays(day)))));
    }

    /// <summary>Hands the events to the Insights consumer as the relay does: one transaction for the batch.</summary>
    private static async Task DispatchAsync(PlatformFactory host, IReadOnlyList<BusinessRegistered> events)
    {
        var subscription = host.Services.GetRequiredService<IntegrationEventSubscriptions>().Find(BusinessRegistered.Name, Consumer)
            ?? throw new InvalidOperationException($"{Consumer} does not subscribe to {BusinessRegistered.Name}.");
        await using var scope = host.Services.CreateAsyncScope();
        await subscription.DispatchBatch!(scope.ServiceProvider, events.Select(e => (e.EventId, IntegrationEventSerializer.Serialize(e))).ToList(), Token);
    }
}
