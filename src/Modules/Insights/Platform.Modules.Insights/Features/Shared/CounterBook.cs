using Microsoft.EntityFrameworkCore;
using Platform.Modules.Insights.Domain;
using Platform.Modules.Insights.Persistence;

namespace Platform.Modules.Insights.Features.Shared;

/// <summary>
/// Keeps events and counters together: stores the events not seen before (by event id, so a redelivered
/// event counts once) and applies their counter changes in the same transaction.
/// </summary>
internal static class CounterBook
{
    /// <summary>Counts <paramref name="events"/> (tracked, not saved); returns how many were new.</summary>
    public static async Task<int> CountAsync(InsightsDbContext db, IReadOnlyList<CountedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var ids = events.Select(e => e.EventId).Distinct().ToArray();
        var known = (await db.Events.AsNoTracking().Where(e => ids.Contains(e.EventId)).Select(e => e.EventId).ToListAsync(cancellationToken)).ToHashSet();
        var fresh = events.Where(e => known.Add(e.EventId)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        db.Events.AddRange(fresh);
        var names = fresh.Select(e => e.EventName).Distinct().ToArray();
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.EventName != null && names.Contains(i.EventName)).ToListAsync(cancellationToken);
        if (indicators.Count == 0)
        {
            return fresh.Count;
        }

        var earliest = await EarliestAsync(db, indicators, fresh, cancellationToken);
        var deltas = new CounterDeltas();
        deltas.Add(indicators, fresh, earliest);
        await ApplyAsync(db, deltas, cancellationToken);
        return fresh.Count;
    }

    /// <summary>For distinct-person indicators: each person's earliest matching event already counted.</summary>
    private static async Task<Dictionary<(string Indicator, string Person), (DateOnly Day, string Region)>> EarliestAsync(
        InsightsDbContext db, IReadOnlyList<Indicator> indicators, IReadOnlyList<CountedEvent> fresh, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), (DateOnly, string)>();
        foreach (var indicator in indicators.Where(i => i.Measure == IndicatorMeasure.DistinctPerson))
        {
            var people = fresh.Where(e => e.EventName == indicator.EventName && e.PersonBlindIndex is not null).Select(e => e.PersonBlindIndex!).Distinct().ToArray();
            if (people.Length == 0)
            {
                continue;
            }

            var filter = FactFilter.Parse(indicator.Filter);
            var earlier = await db.Events.AsNoTracking()
                .Where(e => e.EventName == indicator.EventName && e.PersonBlindIndex != null && people.Contains(e.PersonBlindIndex))
                .Select(e => new { e.PersonBlindIndex, e.Day, e.RegionCode, e.Attributes })
                .ToListAsync(cancellationToken);
            foreach (var group in earlier.Where(e => filter.Matches(e.Attributes)).GroupBy(e => e.PersonBlindIndex!))
            {
                var first = group.OrderBy(e => e.Day).ThenBy(e => e.RegionCode, StringComparer.Ordinal).First();
                result[(indicator.Code, group.Key)] = (first.Day, first.RegionCode);
            }
        }

        return result;
    }

    /// <summary>
    /// Adds the changes to the stored counters. On SQLite and PostgreSQL one set-based upsert per few hundred
    /// changes, run at once on the context's connection and transaction (the caller's transaction makes it
    /// atomic with the events); elsewhere tracked, saved with the caller's changes.
    /// </summary>
    public static async Task ApplyAsync(InsightsDbContext db, CounterDeltas deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        var provider = db.Database.ProviderName;
        if (provider is "Microsoft.EntityFrameworkCore.Sqlite" or "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await UpsertAsync(db, deltas.Changes.Where(c => c.Value != 0m).ToList(), provider.StartsWith("Npgsql", StringComparison.Ordinal), cancellationToken);
            return;
        }

        foreach (var group in deltas.Changes.Where(c => c.Value != 0m).GroupBy(c => c.Key.Indicator))
        {
            // The rows of the days and regions touched (a superset of the keys, far smaller than the days' range).
            var days = group.Select(c => c.Key.Day).Distinct().ToArray();
            var regions = group.Select(c => c.Key.Region).Distinct().ToArray();
            var stored = await db.Counters
                .Where(c => c.IndicatorCode == group.Key && days.Contains(c.Day) && regions.Contains(c.RegionCode))
                .ToDictionaryAsync(c => (c.RegionCode, c.Day), cancellationToken);
            foreach (var change in group)
            {
                if (stored.TryGetValue((change.Key.Region, change.Key.Day), out var counter))
                {
                    counter.Value += change.Value;
                }
                else
                {
                    db.Counters.Add(new Counter { IndicatorCode = group.Key, RegionCode = change.Key.Region, Day = change.Key.Day, Value = change.Value });
                }
            }
        }
    }

    private static async Task UpsertAsync(
        InsightsDbContext db, List<KeyValuePair<(string Indicator, string Region, DateOnly Day), decimal>> changes, bool postgres, CancellationToken cancellationToken)
    {
        var table = db.Model.FindEntityType(typeof(Counter))!;
        var name = table.GetSchema() is { } schema && postgres ? $"\"{schema}\".\"{table.GetTableName()}\"" : $"\"{table.GetTableName()}\"";

        // SQLite keeps decimals as text: the sum is computed as a number and rounded to the fen again.
        var sum = postgres ? "c.\"Value\" + excluded.\"Value\"" : "ROUND(c.\"Value\" + excluded.\"Value\", 2)";
        foreach (var chunk in changes.Chunk(250))
        {
            var values = new System.Text.StringBuilder();
            var parameters = new object[chunk.Length * 4];
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture, $"({{{i * 4}}}, {{{(i * 4) + 1}}}, {{{(i * 4) + 2}}}, {{{(i * 4) + 3}}})");
                parameters[i * 4] = chunk[i].Key.Indicator;
                parameters[(i * 4) + 1] = chunk[i].Key.Region;
                parameters[(i * 4) + 2] = chunk[i].Key.Day;
                parameters[(i * 4) + 3] = chunk[i].Value;
            }

            var sql = $"INSERT INTO {name} AS c (\"IndicatorCode\", \"RegionCode\", \"Day\", \"Value\") VALUES {values} " +
                $"ON CONFLICT (\"IndicatorCode\", \"RegionCode\", \"Day\") DO UPDATE SET \"Value\" = {sum}";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>Recounts one indicator from every event kept (after its definition changed). Saves.</summary>
    public static async Task<int> RebuildAsync(InsightsDbContext db, Indicator indicator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        await db.WriteAsync(token => db.Counters.Where(c => c.IndicatorCode == indicator.Code).ExecuteDeleteAsync(token), cancellationToken);
        if (indicator.EventName is null)
        {
            return 0;
        }

        var deltas = new CounterDeltas();
        var counted = 0;
        var after = (Day: DateOnly.MinValue, Id: Guid.Empty);
        while (true)
        {
            var batch = await db.Events.AsNoTracking()
                .Where(e => e.EventName == indicator.EventName && (e.Day > after.Day || (e.Day == after.Day && e.EventId.CompareTo(after.Id) > 0)))
                .OrderBy(e => e.Day).ThenBy(e => e.EventId).Take(20_000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            // In day order, so a distinct person's first event is met first; the deltas remember it across batches.
            deltas.Add([indicator], batch, new Dictionary<(string, string), (DateOnly, string)>());

            counted += batch.Count;
            after = (batch[^1].Day, batch[^1].EventId);
        }

        await ApplyAsync(db, deltas, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return counted;
    }
}
