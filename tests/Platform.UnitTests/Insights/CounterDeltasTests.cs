using Platform.Modules.Insights.Domain;

namespace Platform.UnitTests.Insights;

/// <summary>
/// The counter changes new events make, without a database: a count adds 1, a sum the amount, a distinct
/// person 1 on the person's earliest day (moved when an earlier event arrives later); every change is made
/// in the event's county, its city and its province; and the changes do not depend on the order the events
/// arrive in.
/// </summary>
public sealed class CounterDeltasTests
{
    private const string Registered = "test.business_registered.v1";
    private const string Paid = "test.loan_disbursed.v1";

    private const string Shizhong = "511102";
    private const string Emeishan = "511181";
    private const string Leshan = "511100";
    private const string Yucheng = "511802";
    private const string Yaan = "511800";
    private const string Sichuan = "510000";

    private static readonly Indicator Businesses = Define("businesses", Registered, IndicatorMeasure.Count);
    private static readonly Indicator AgriculturalBusinesses = Define("agricultural_businesses", Registered, IndicatorMeasure.Count, "industry=Agriculture");
    private static readonly Indicator Founders = Define("founders", Registered, IndicatorMeasure.DistinctPerson);
    private static readonly Indicator Loans = Define("loans", Paid, IndicatorMeasure.Sum);

    private static readonly DateOnly March1 = new(2024, 3, 1);
    private static readonly DateOnly March5 = new(2024, 3, 5);
    private static readonly DateOnly April2 = new(2024, 4, 2);

    // ---- Count and sum ----

    [Fact]
    public void A_counted_event_adds_one_in_its_county_its_city_and_its_province_on_its_day()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Businesses], [Event(Registered, March5, Shizhong, "p1")], NoneCounted);

        Assert.Equal(Changes(("businesses", Shizhong, March5, 1m), ("businesses", Leshan, March5, 1m), ("businesses", Sichuan, March5, 1m)), NonZero(deltas));
    }

    [Fact]
    public void Counts_of_one_day_add_up_in_the_county_and_further_up_across_counties_and_cities()
    {
        var deltas = new CounterDeltas();

        deltas.Add(
            [Businesses],
            [Event(Registered, March5, Shizhong, "p1"), Event(Registered, March5, Shizhong, "p2"), Event(Registered, March5, Emeishan, "p3"), Event(Registered, March5, Yucheng, "p4"), Event(Registered, April2, Shizhong, "p5")],
            NoneCounted);

        Assert.Equal(
            Changes(
                ("businesses", Shizhong, March5, 2m), ("businesses", Emeishan, March5, 1m), ("businesses", Leshan, March5, 3m),
                ("businesses", Yucheng, March5, 1m), ("businesses", Yaan, March5, 1m), ("businesses", Sichuan, March5, 4m),
                ("businesses", Shizhong, April2, 1m), ("businesses", Leshan, April2, 1m), ("businesses", Sichuan, April2, 1m)),
            NonZero(deltas));
    }

    [Fact]
    public void An_event_of_a_city_or_of_the_province_itself_is_counted_there_and_above_only()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Businesses], [Event(Registered, March5, Leshan, "p1"), Event(Registered, March1, Sichuan, "p2")], NoneCounted);

        Assert.Equal(
            Changes(("businesses", Leshan, March5, 1m), ("businesses", Sichuan, March5, 1m), ("businesses", Sichuan, March1, 1m)),
            NonZero(deltas));
    }

    [Fact]
    public void A_Chongqing_district_is_counted_in_the_district_and_the_municipality()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Businesses], [Event(Registered, March5, "500107", "p1")], NoneCounted);

        var changes = NonZero(deltas);
        Assert.Equal(1m, changes[("businesses", "500107", March5)]);
        Assert.Equal(1m, changes[("businesses", "500000", March5)]);
        Assert.Equal(2, changes.Count); // no made-up "500100" city: Chongqing's districts are directly under the municipality
        Assert.DoesNotContain(changes.Keys, k => k.Region.StartsWith("51", StringComparison.Ordinal));
    }

    [Fact]
    public void Events_of_another_name_or_not_matching_the_filter_change_nothing()
    {
        var deltas = new CounterDeltas();

        deltas.Add(
            [AgriculturalBusinesses],
            [Event(Paid, March5, Shizhong, "p1", 10_000m), Event(Registered, March5, Shizhong, "p2", attributes: "industry=Tourism"), Event(Registered, March5, Shizhong, "p3", attributes: "")],
            NoneCounted);

        Assert.Empty(NonZero(deltas));

        deltas.Add([AgriculturalBusinesses], [Event(Registered, March5, Emeishan, "p4", attributes: "industry=Agriculture;category=ReturningMigrantWorker")], NoneCounted);
        Assert.Equal(3, NonZero(deltas).Count);
        Assert.Equal(1m, NonZero(deltas)[("agricultural_businesses", Emeishan, March5)]);
    }

    [Fact]
    public void A_sum_adds_the_amounts_signed_changes_included()
    {
        var deltas = new CounterDeltas();

        deltas.Add(
            [Loans],
            [Event(Paid, March5, Shizhong, "p1", 100_000.50m), Event(Paid, March5, Shizhong, "p2", 200_000m), Event(Paid, March5, Emeishan, "p3", -0.50m), Event(Paid, April2, Yucheng, "p4", 50_000m)],
            NoneCounted);

        Assert.Equal(
            Changes(
                ("loans", Shizhong, March5, 300_000.50m), ("loans", Emeishan, March5, -0.50m), ("loans", Leshan, March5, 300_000m), ("loans", Sichuan, March5, 300_000m),
                ("loans", Yucheng, April2, 50_000m), ("loans", Yaan, April2, 50_000m), ("loans", Sichuan, April2, 50_000m)),
            NonZero(deltas));
    }

    [Fact]
    public void One_event_changes_every_indicator_it_matches()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Businesses, AgriculturalBusinesses, Founders, Loans], [Event(Registered, March5, Shizhong, "p1")], NoneCounted);

        var changes = NonZero(deltas);
        Assert.Equal(9, changes.Count);
        Assert.All(new[] { "businesses", "agricultural_businesses", "founders" }, code => Assert.Equal(1m, changes[(code, Sichuan, March5)]));
    }

    // ---- Distinct people ----

    [Fact]
    public void A_person_counts_once_on_the_day_of_the_earliest_event()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Founders], [Event(Registered, March5, Shizhong, "p1"), Event(Registered, April2, Emeishan, "p1"), Event(Registered, March5, Shizhong, "p1")], NoneCounted);

        Assert.Equal(Changes(("founders", Shizhong, March5, 1m), ("founders", Leshan, March5, 1m), ("founders", Sichuan, March5, 1m)), NonZero(deltas));
    }

    [Fact]
    public void An_event_without_a_person_is_not_counted_as_a_person()
    {
        var deltas = new CounterDeltas();

        deltas.Add([Founders], [Event(Registered, March5, Shizhong, null)], NoneCounted);

        Assert.Empty(NonZero(deltas));
    }

    [Fact]
    public void An_earlier_event_arriving_later_moves_the_count_to_its_day_and_region_at_every_level()
    {
        var deltas = new CounterDeltas();
        deltas.Add([Founders], [Event(Registered, April2, Yucheng, "p1")], NoneCounted);

        deltas.Add([Founders], [Event(Registered, March1, Shizhong, "p1")], NoneCounted);

        // Ya'an's +1 on 2 April is taken back at every level; Leshan counts the person on 1 March.
        Assert.Equal(Changes(("founders", Shizhong, March1, 1m), ("founders", Leshan, March1, 1m), ("founders", Sichuan, March1, 1m)), NonZero(deltas));
        Assert.Equal(0m, deltas.Changes[("founders", Yucheng, April2)]);
        Assert.Equal(0m, deltas.Changes[("founders", Yaan, April2)]);
        Assert.Equal(0m, deltas.Changes[("founders", Sichuan, April2)]);
    }

    [Fact]
    public void An_earlier_event_than_the_one_already_counted_takes_the_count_from_it()
    {
        // Counted before (the database's earliest event of the person): 2 April in Yucheng.
        var counted = new Dictionary<(string, string), (DateOnly, string)> { [("founders", "p1")] = (April2, Yucheng) };
        var deltas = new CounterDeltas();

        deltas.Add([Founders], [Event(Registered, March1, Emeishan, "p1")], counted);

        Assert.Equal(
            Changes(
                ("founders", Yucheng, April2, -1m), ("founders", Yaan, April2, -1m), ("founders", Sichuan, April2, -1m),
                ("founders", Emeishan, March1, 1m), ("founders", Leshan, March1, 1m), ("founders", Sichuan, March1, 1m)),
            NonZero(deltas));
    }

    [Fact]
    public void A_later_or_same_day_event_than_the_one_already_counted_changes_nothing()
    {
        var counted = new Dictionary<(string, string), (DateOnly, string)> { [("founders", "p1")] = (March5, Shizhong) };
        var deltas = new CounterDeltas();

        deltas.Add([Founders], [Event(Registered, April2, Emeishan, "p1"), Event(Registered, March5, Shizhong, "p1")], counted);

        Assert.Empty(NonZero(deltas));
    }

    [Fact]
    public void Another_person_is_counted_besides()
    {
        var counted = new Dictionary<(string, string), (DateOnly, string)> { [("founders", "p1")] = (March5, Shizhong) };
        var deltas = new CounterDeltas();

        deltas.Add([Founders], [Event(Registered, March5, Shizhong, "p2")], counted);

        Assert.Equal(Changes(("founders", Shizhong, March5, 1m), ("founders", Leshan, March5, 1m), ("founders", Sichuan, March5, 1m)), NonZero(deltas));
    }

    // ---- Order of arrival ----

    public static TheoryData<string> Arrivals => ["one_call", "one_at_a_time", "as_the_book_counts"];

    [Theory]
    [MemberData(nameof(Arrivals))]
    public void Every_order_of_arrival_gives_the_same_changes(string arrival)
    {
        // p1 founds in Ya'an on 2 April, in Emeishan on 5 March and in Shizhong on 1 March (counted once, on
        // 1 March in Shizhong); p2 on 5 March in Shizhong; two loans. 6! = 720 orders.
        var events = new[]
        {
            Event(Registered, April2, Yucheng, "p1", attributes: "industry=Tourism"),
            Event(Registered, March5, Emeishan, "p1", attributes: "industry=Agriculture"),
            Event(Registered, March1, Shizhong, "p1", attributes: "industry=Agriculture"),
            Event(Registered, March5, Shizhong, "p2", attributes: "industry=Agriculture"),
            Event(Paid, March5, Emeishan, "p1", 150_000m),
            Event(Paid, April2, Emeishan, "p2", 20_000m),
        };
        var indicators = new[] { Businesses, AgriculturalBusinesses, Founders, Loans };
        var expected = new Dictionary<(string, string, DateOnly), decimal>
        {
            [("founders", Shizhong, March1)] = 1m,
            [("founders", Leshan, March1)] = 1m,
            [("founders", Sichuan, March1)] = 1m,
            [("founders", Shizhong, March5)] = 1m,
            [("founders", Leshan, March5)] = 1m,
            [("founders", Sichuan, March5)] = 1m,
        };

        var orders = Permutations(events).ToList();
        Assert.Equal(720, orders.Count);
        var results = orders.Select(order => Count(arrival, indicators, order)).ToList();

        Assert.All(results, result => Assert.Equal(results[0], result));
        Assert.All(expected, e => Assert.Equal(e.Value, results[0][e.Key]));
        Assert.Equal((2m, 1m, 1m), (results[0][("businesses", Leshan, March5)], results[0][("businesses", Sichuan, March1)], results[0][("businesses", Sichuan, April2)]));
        Assert.Equal((2m, 0m), (results[0][("agricultural_businesses", Leshan, March5)], results[0].GetValueOrDefault(("agricultural_businesses", Sichuan, April2))));
        Assert.Equal(170_000m, results[0][("loans", Emeishan, March5)] + results[0][("loans", Emeishan, April2)]);
        Assert.Equal(0m, results[0].GetValueOrDefault(("founders", Sichuan, April2)));
    }

    [Theory]
    [MemberData(nameof(Arrivals))]
    public void Every_order_of_arrival_gives_the_same_changes_when_a_person_starts_in_two_counties_on_one_day(string arrival)
    {
        // p1 starts in Shizhong and in Emeishan on 5 March, and turns out to have started in Yucheng on 1 March;
        // p2 starts in Shizhong and in Emeishan on 2 April. 5! = 120 orders.
        var events = new[]
        {
            Event(Registered, March5, Shizhong, "p1"),
            Event(Registered, March5, Emeishan, "p1"),
            Event(Registered, March1, Yucheng, "p1"),
            Event(Registered, April2, Shizhong, "p2"),
            Event(Registered, April2, Emeishan, "p2"),
        };

        var results = Permutations(events).Select(order => Count(arrival, [Founders], order)).ToList();

        // p1 counts in Yucheng on 1 March, nowhere on 5 March; p2 in one of the two counties on 2 April.
        Assert.All(results, result => Assert.All(result.Values, value => Assert.True(value > 0m, $"A counter below zero: {string.Join(", ", result)}")));
        Assert.All(results, result => Assert.Equal(1m, result[("founders", Yucheng, March1)]));
        Assert.All(results, result => Assert.Equal(0m, result.GetValueOrDefault(("founders", Shizhong, March5)) + result.GetValueOrDefault(("founders", Emeishan, March5))));
        Assert.All(results, result => Assert.Equal(1m, result.GetValueOrDefault(("founders", Shizhong, April2)) + result.GetValueOrDefault(("founders", Emeishan, April2))));
        Assert.All(results, result => Assert.Equal(results[0], result));
    }

    /// <summary>The non-zero changes of counting <paramref name="order"/> the way <paramref name="arrival"/> says.</summary>
    private static Dictionary<(string, string, DateOnly), decimal> Count(string arrival, IReadOnlyList<Indicator> indicators, IReadOnlyList<CountedEvent> order)
    {
        switch (arrival)
        {
            case "one_call":
                var once = new CounterDeltas();
                once.Add(indicators, order, NoneCounted);
                return NonZero(once);
            case "one_at_a_time":
                var kept = new CounterDeltas();
                foreach (var fact in order)
                {
                    kept.Add(indicators, [fact], NoneCounted);
                }

                return NonZero(kept);
            default:
                // As CounterBook counts: each event on its own, with a fresh CounterDeltas given each person's
                // earliest matching event among those stored before (by day, then region code).
                var stored = new List<CountedEvent>();
                var total = new Dictionary<(string, string, DateOnly), decimal>();
                foreach (var fact in order)
                {
                    var earliest = new Dictionary<(string, string), (DateOnly, string)>();
                    foreach (var indicator in indicators.Where(i => i.Measure == IndicatorMeasure.DistinctPerson && i.EventName == fact.EventName && fact.PersonBlindIndex is not null))
                    {
                        var filter = FactFilter.Parse(indicator.Filter);
                        var first = stored
                            .Where(s => s.EventName == indicator.EventName && s.PersonBlindIndex == fact.PersonBlindIndex && filter.Matches(s.Attributes))
                            .OrderBy(s => s.Day).ThenBy(s => s.RegionCode, StringComparer.Ordinal)
                            .FirstOrDefault();
                        if (first is not null)
                        {
                            earliest[(indicator.Code, first.PersonBlindIndex!)] = (first.Day, first.RegionCode);
                        }
                    }

                    var deltas = new CounterDeltas();
                    deltas.Add(indicators, [fact], earliest);
                    foreach (var (key, value) in deltas.Changes)
                    {
                        total[key] = total.GetValueOrDefault(key) + value;
                    }

                    stored.Add(fact);
                }

                return total.Where(t => t.Value != 0m).ToDictionary(t => t.Key, t => t.Value);
        }
    }

    private static IReadOnlyDictionary<(string, string), (DateOnly, string)> NoneCounted { get; } = new Dictionary<(string, string), (DateOnly, string)>();

    private static Dictionary<(string Indicator, string Region, DateOnly Day), decimal> NonZero(CounterDeltas deltas) =>
        deltas.Changes.Where(c => c.Value != 0m).ToDictionary(c => c.Key, c => c.Value);

    private static Dictionary<(string Indicator, string Region, DateOnly Day), decimal> Changes(params (string Indicator, string Region, DateOnly Day, decimal Value)[] changes) =>
        changes.ToDictionary(c => (c.Indicator, c.Region, c.Day), c => c.Value);

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    private static Indicator Define(string code, string eventName, IndicatorMeasure measure, string filter = "") => new()
    {
        Code = code,
        NameZh = code,
        NameEn = code,
        Unit = "个",
        EventName = eventName,
        Measure = measure,
        Filter = filter,
    };

    private static CountedEvent Event(string name, DateOnly day, string region, string? person, decimal amount = 1m, string attributes = "industry=Agriculture") => new()
    {
        EventId = Guid.NewGuid(),
        EventName = name,
        Day = day,
        RegionCode = region,
        PersonBlindIndex = person,
        Amount = amount,
        Attributes = attributes,
    };
}
