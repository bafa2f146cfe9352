using System.Collections.Concurrent;
using Platform.BuildingBlocks.Identity;

namespace Platform.Modules.Insights.Domain;

/// <summary>
/// The changes to counters that new events make, computed without a database: each matching indicator
/// adds 1 (count), the amount (sum) or, for a distinct person, 1 on the person's earliest day (moving the
/// count when an earlier event arrives late). Every change is made in the event's region, its city and its
/// province (a Chongqing district: the district and the municipality). Order of arrival does not matter: the result depends only on the set of events.
/// </summary>
internal sealed class CounterDeltas
{
    private static readonly RegionCatalog Regions = RegionCatalog.LoadEmbedded();
    private static readonly ConcurrentDictionary<string, string[]> Levels = new(StringComparer.Ordinal);

    private readonly Dictionary<(string Indicator, string Region, DateOnly Day), decimal> deltas = [];

    // Each person's earliest matching event per distinct-person indicator, as counted so far (kept across calls).
    private readonly Dictionary<(string Indicator, string Person), (DateOnly Day, string Region)> earliest = [];

    public IReadOnlyDictionary<(string Indicator, string Region, DateOnly Day), decimal> Changes => deltas;

    /// <summary>
    /// Adds the effect of <paramref name="fresh"/> (events not counted before, each once) given, for
    /// distinct-person indicators, the earliest matching day already counted for each person.
    /// </summary>
    public void Add(IReadOnlyList<Indicator> indicators, IEnumerable<CountedEvent> fresh, IReadOnlyDictionary<(string Indicator, string Person), (DateOnly Day, string Region)> earliestCounted)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(earliestCounted);
        var filters = indicators.ToDictionary(i => i.Code, i => FactFilter.Parse(i.Filter), StringComparer.Ordinal);
        foreach (var (key, value) in earliestCounted)
        {
            if (!earliest.TryGetValue(key, out var held) || value.Day < held.Day || (value.Day == held.Day && string.CompareOrdinal(value.Region, held.Region) < 0))
            {
                earliest[key] = value;
            }
        }

        foreach (var fact in fresh)
        {
            foreach (var indicator in indicators)
            {
                if (!string.Equals(indicator.EventName, fact.EventName, StringComparison.Ordinal) || !filters[indicator.Code].Matches(fact.Attributes))
                {
                    continue;
                }

                switch (indicator.Measure)
                {
                    case IndicatorMeasure.Count:
                        Change(indicator.Code, fact.RegionCode, fact.Day, 1m);
                        break;
                    case IndicatorMeasure.Sum:
                        Change(indicator.Code, fact.RegionCode, fact.Day, fact.Amount);
                        break;
                    case IndicatorMeasure.DistinctPerson when fact.PersonBlindIndex is { } person:
                        var key = (indicator.Code, person);
                        if (!earliest.TryGetValue(key, out var known))
                        {
                            Change(indicator.Code, fact.RegionCode, fact.Day, 1m);
                            earliest[key] = (fact.Day, fact.RegionCode);
                        }
                        else if (fact.Day < known.Day || (fact.Day == known.Day && string.CompareOrdinal(fact.RegionCode, known.Region) < 0))
                        {
                            // The earliest day wins; on the same day the lower region code, so arrival order never matters.
                            Change(indicator.Code, known.Region, known.Day, -1m);
                            Change(indicator.Code, fact.RegionCode, fact.Day, 1m);
                            earliest[key] = (fact.Day, fact.RegionCode);
                        }

                        break;
                }
            }
        }
    }

    private void Change(string indicator, string region, DateOnly day, decimal value)
    {
        foreach (var level in Levels.GetOrAdd(region, LevelsOf))
        {
            var key = (indicator, level, day);
            deltas[key] = deltas.GetValueOrDefault(key) + value;
        }
    }

    /// <summary>
    /// The region and its ancestors in the catalog: county, city, province; a Chongqing district and the municipality
    /// (no made-up "500100" city in between). A code the catalog does not know: by its digits.
    /// </summary>
    private static string[] LevelsOf(string region)
    {
        if (!Regions.TryGet(region, out var known))
        {
            return RegionCode.SelfAndAncestors(region);
        }

        var levels = new List<string>(3) { region };
        while (known.ParentCode is { } parent && Regions.TryGet(parent, out known))
        {
            levels.Add(parent);
        }

        return [.. levels];
    }
}
