using System.Net;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Persistence;
using Platform.IntegrationTests.Platform;
using Platform.Modules.Insights.Persistence.Seeding;
using Platform.Modules.ReturnHomeEntrepreneurship.Contracts;
using Platform.Modules.SkillMasterStudios.Contracts;
using Platform.Modules.VeteranEmployment.Contracts;
using Kit = Platform.IntegrationTests.Insights.CountingKit;

namespace Platform.IntegrationTests.Insights;

/// <summary>
/// Counting as the relay delivers: the module's counting handler is handed events directly, each delivery
/// in a scope of its own. A redelivered event counts once; events arriving out of order count as if they had
/// arrived in order, in the county, its city and the province; redefining an indicator rebuilds its counters
/// from the events kept. Each test counts in counties and on days of its own (the class has a database per
/// provider of its own).
/// </summary>
public sealed class CountingTests(ProviderHosts hosts) : IClassFixture<ProviderHosts>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_redelivered_event_is_kept_and_counted_once(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511902"; // 巴州区
        var day = new DateOnly(2022, 4, 18);
        var registered = new VeteranRegistered(Guid.NewGuid(), Kit.NewPerson(), "RetiredOfficer", County, new DateOnly(2021, 9, 1), day);

        for (var delivery = 0; delivery < 3; delivery++)
        {
            await Kit.DeliverAsync(host, registered);
        }

        Assert.Equal(1, await Kit.DbAsync(host, db => db.Events.AsNoTracking().CountAsync(e => e.EventId == registered.EventId, Token)));
        var counters = await Kit.CountersAsync(host, SeedIndicators.VeteransRegistered);
        Assert.Equal(1m, counters[(County, day)]);
        Assert.Equal(1m, counters[(Kit.CityOf(County), day)]);
        Assert.Equal(1m, counters[(Kit.Sichuan, day)]);

        // Another event of the same content but another id is another registration.
        await Kit.DeliverAsync(host, registered with { EventId = Guid.NewGuid() });
        Assert.Equal(2m, await Kit.CounterAsync(host, SeedIndicators.VeteransRegistered, County, day));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_founders_earlier_business_arriving_after_a_later_one_moves_the_founder_to_its_day_at_every_level(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string Later = "511903"; // 恩阳区, 巴中市
        const string Earlier = "511802"; // 雨城区, 雅安市
        var laterDay = new DateOnly(2024, 5, 20);
        var earlierDay = new DateOnly(2023, 3, 8);
        var founder = Kit.NewPerson();

        await Kit.DeliverAsync(host, Kit.Business(founder, Later, laterDay));
        var first = await Kit.CountersAsync(host, SeedIndicators.ReturneeFounders);
        Assert.Equal((1m, 1m, 1m), (first[(Later, laterDay)], first[("511900", laterDay)], first[(Kit.Sichuan, laterDay)]));

        await Kit.DeliverAsync(host, Kit.Business(founder, Earlier, earlierDay));

        var counters = await Kit.CountersAsync(host, SeedIndicators.ReturneeFounders);
        Assert.Equal((1m, 1m, 1m), (counters[(Earlier, earlierDay)], counters[("511800", earlierDay)], counters[(Kit.Sichuan, earlierDay)]));
        Assert.Equal(
            (0m, 0m, 0m),
            (counters.GetValueOrDefault((Later, laterDay)), counters.GetValueOrDefault(("511900", laterDay)), counters.GetValueOrDefault((Kit.Sichuan, laterDay))));

        // A third business, between the two, changes nothing: the founder stays counted once, on the earliest day.
        await Kit.DeliverAsync(host, Kit.Business(founder, Later, new DateOnly(2023, 11, 2)));
        var after = await Kit.CountersAsync(host, SeedIndicators.ReturneeFounders);
        Assert.Equal(1m, after.Where(c => c.Key.Region == Kit.Sichuan && c.Key.Day >= earlierDay && c.Key.Day <= laterDay).Sum(c => c.Value));
        Assert.Equal(0m, after.GetValueOrDefault((Later, new DateOnly(2023, 11, 2))));

        // Every business counts as a business all the same (a count, not a distinct person): three in Sichuan.
        using var admin = Kit.Administrator(host);
        var businesses = Kit.NewCode("it_businesses");
        await Kit.DefineAsync(admin, businesses, Kit.IndicatorBody(BusinessRegistered.Name));
        var counted = await Kit.CountersAsync(host, businesses);
        Assert.Equal(1m, counted[(Earlier, earlierDay)]);
        Assert.Equal(2m, counted.Where(c => c.Key.Region == Later).Sum(c => c.Value));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task The_counters_are_the_same_whatever_order_the_events_arrive_in(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511921"; // 通江县
        const string Other = "511922"; // 南江县
        var days = new[] { new DateOnly(2022, 1, 10), new DateOnly(2022, 2, 10), new DateOnly(2022, 3, 10) };
        string[] people = [Kit.NewPerson(), Kit.NewPerson()];

        // Founder 0 in the county on the 3 days, founder 1 in the other county on day 2 then in the county on day 1.
        BusinessRegistered[] events =
        [
            Kit.Business(people[0], County, days[2], "order_a"), Kit.Business(people[1], Other, days[1], "order_a"), Kit.Business(people[0], County, days[0], "order_a"),
            Kit.Business(people[1], County, days[0], "order_a"), Kit.Business(people[0], County, days[1], "order_a"),
        ];
        var forwards = await Kit.BusinessIndicatorAsync(host, "it_order_fwd", "order_a", "DistinctPerson");
        foreach (var business in events)
        {
            await Kit.DeliverAsync(host, business);
        }

        // The same events counted by a second indicator defined afterwards: rebuilt from the kept events in day order.
        var rebuilt = await Kit.BusinessIndicatorAsync(host, "it_order_rbl", "order_a", "DistinctPerson");

        var arrived = (await Kit.CountersAsync(host, forwards)).Where(c => c.Value != 0m).ToDictionary(c => c.Key, c => c.Value);
        var recounted = (await Kit.CountersAsync(host, rebuilt)).Where(c => c.Value != 0m).ToDictionary(c => c.Key, c => c.Value);
        Assert.Equal(recounted, arrived);
        Assert.Equal(2m, arrived[(County, days[0])]);
        Assert.Equal(2m, arrived[(Kit.Sichuan, days[0])]);
        Assert.Equal(3, arrived.Count);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_founder_who_started_in_two_counties_on_one_day_and_earlier_elsewhere_is_counted_once_and_no_county_goes_below_zero(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string Shizhong = "511102";
        const string Emeishan = "511181";
        const string Yingjing = "511822"; // 荥经县, 雅安市
        var sameDay = new DateOnly(2021, 6, 9);
        var earlier = new DateOnly(2021, 2, 3);
        var founder = Kit.NewPerson();
        var indicator = await Kit.BusinessIndicatorAsync(host, "it_tie", "tie_a", "DistinctPerson");

        // Emeishan's business arrives first (counted there), then Shizhong's of the same day (no change),
        // then the earliest, in Yingjing.
        await Kit.DeliverAsync(host, Kit.Business(founder, Emeishan, sameDay, "tie_a"));
        await Kit.DeliverAsync(host, Kit.Business(founder, Shizhong, sameDay, "tie_a"));
        await Kit.DeliverAsync(host, Kit.Business(founder, Yingjing, earlier, "tie_a"));

        var counters = await Kit.CountersAsync(host, indicator);
        Assert.All(counters, c => Assert.True(c.Value >= 0m, $"{c.Key.Region} on {c.Key.Day} is {c.Value}"));
        Assert.Equal(0m, counters.GetValueOrDefault((Emeishan, sameDay)));
        Assert.Equal(0m, counters.GetValueOrDefault((Shizhong, sameDay)));
        Assert.Equal(1m, counters[(Yingjing, earlier)]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_sum_indicator_adds_signed_changes_per_day(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511132"; // 峨边彝族自治县
        var day = new DateOnly(2022, 11, 30);
        var business = Guid.NewGuid();

        await Kit.DeliverAsync(host, new JobsCreated(business, "92511132MA00000000", County, day, 3, 3));
        await Kit.DeliverAsync(host, new JobsCreated(business, "92511132MA00000000", County, day, -1, 2));
        await Kit.DeliverAsync(host, new JobsCreated(business, "92511132MA00000000", County, day.AddDays(1), 2, 4));

        var counters = await Kit.CountersAsync(host, SeedIndicators.JobsCreatedByFounders);
        Assert.Equal((2m, 2m, 2m), (counters[(County, day)], counters[(Kit.Leshan, day)], counters[(Kit.Sichuan, day)]));
        Assert.Equal(2m, counters[(County, day.AddDays(1))]);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task A_seeded_indicator_added_after_its_events_were_kept_counts_them(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511113"; // 金口河区
        var day = new DateOnly(2021, 12, 20);

        // As before an upgrade that brings the indicator: the events are kept, the indicator is not there yet.
        await Kit.DbAsync(host, db => db.Indicators.Where(i => i.Code == SeedIndicators.ApprenticesQualified).ExecuteDeleteAsync(Token));
        await Kit.DbAsync(host, db => db.Counters.Where(c => c.IndicatorCode == SeedIndicators.ApprenticesQualified).ExecuteDeleteAsync(Token));
        await Kit.DeliverAsync(host, new ApprenticeQualified(Guid.NewGuid(), Guid.NewGuid(), Kit.NewPerson(), "6-24-04-04", "Level4", County, 2021, day));

        // The upgraded platform starts: the seeder adds the indicator.
        await Kit.DbAsync(host, async db =>
        {
            await new ReferenceDataSeeder(db).SeedAsync(Token);
            return 0;
        });

        Assert.True(await Kit.DbAsync(host, db => db.Indicators.AnyAsync(i => i.Code == SeedIndicators.ApprenticesQualified, Token)));
        Assert.Equal(1m, await Kit.CounterAsync(host, SeedIndicators.ApprenticesQualified, County, day));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task Redefining_an_indicator_rebuilds_its_counters_from_the_events_kept(DatabaseProvider provider)
    {
        var host = await hosts.GetAsync(provider);
        const string County = "511129"; // 沐川县
        var day1 = new DateOnly(2022, 8, 1);
        var day2 = new DateOnly(2022, 8, 2);
        var (p1, p2) = (Kit.NewPerson(), Kit.NewPerson());
        await Kit.DeliverAsync(host, Kit.Business(p1, County, day1, "rebuild_a"));
        await Kit.DeliverAsync(host, Kit.Business(p1, County, day2, "rebuild_b"));
        await Kit.DeliverAsync(host, Kit.Business(p2, County, day2, "rebuild_b"));
        using var admin = Kit.Administrator(host);
        var code = Kit.NewCode("it_rebuild");

        // Defined after the events: counted from the events kept.
        var (defined, etag) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, "Count", "industry=rebuild_a"));
        Assert.True(defined.GetProperty("rebuilt").GetBoolean());
        Assert.True(defined.GetProperty("eventsRecounted").GetInt32() >= 3);
        Assert.Equal(1, defined.GetProperty("indicator").GetProperty("version").GetInt32());
        Assert.Equal(1m, await Kit.CounterAsync(host, code, County, day1));
        Assert.Equal(0m, await Kit.CounterAsync(host, code, County, day2));

        // A new filter: recounted, the old counts gone.
        var (refiltered, etag2) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, "Count", "industry=rebuild_b"), etag);
        Assert.True(refiltered.GetProperty("rebuilt").GetBoolean());
        var counters = await Kit.CountersAsync(host, code);
        Assert.Equal(0m, counters.GetValueOrDefault((County, day1)));
        Assert.Equal((2m, 2m, 2m), (counters[(County, day2)], counters[(Kit.CityOf(County), day2)], counters[(Kit.Sichuan, day2)]));

        // An event arriving now counts under the new definition.
        await Kit.DeliverAsync(host, Kit.Business(p2, County, day1, "rebuild_b"));
        Assert.Equal(1m, await Kit.CounterAsync(host, code, County, day1));

        // Another measure: each person once on their earliest day (p1 on day 2, p2 now on day 1).
        var (distinct, etag3) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, "DistinctPerson", "industry=rebuild_b"), etag2);
        Assert.True(distinct.GetProperty("rebuilt").GetBoolean());
        Assert.Equal(3, distinct.GetProperty("indicator").GetProperty("version").GetInt32());
        Assert.Equal((1m, 1m), (await Kit.CounterAsync(host, code, County, day1), await Kit.CounterAsync(host, code, County, day2)));

        // A new name only: nothing recounted, the counters stay.
        var (renamed, etag4) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(BusinessRegistered.Name, "DistinctPerson", "industry=rebuild_b", nameEn: "Renamed"), etag3);
        Assert.False(renamed.GetProperty("rebuilt").GetBoolean());
        Assert.Equal(0, renamed.GetProperty("eventsRecounted").GetInt32());
        Assert.Equal("Renamed", renamed.GetProperty("indicator").GetProperty("nameEn").GetString());
        Assert.Equal((1m, 1m), (await Kit.CounterAsync(host, code, County, day1), await Kit.CounterAsync(host, code, County, day2)));

        // A stale ETag is refused and changes nothing; no event any more: no counters.
        await Kit.ProblemAsync(admin, HttpMethod.Put, $"/indicators/{code}", Kit.IndicatorBody(BusinessRegistered.Name, "Count"), HttpStatusCode.PreconditionFailed, Kit.PreconditionFailed, etag3);
        Assert.Equal(1m, await Kit.CounterAsync(host, code, County, day2));
        var (unrecorded, _) = await Kit.DefineAsync(admin, code, Kit.IndicatorBody(null), etag4);
        Assert.Equal((true, 0), (unrecorded.GetProperty("rebuilt").GetBoolean(), unrecorded.GetProperty("eventsRecounted").GetInt32()));
        Assert.Empty(await Kit.CountersAsync(host, code));
    }
}
