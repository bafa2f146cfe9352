using System.Text;
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
    /// <summary>
    /// Counts <paramref name="events"/>: stores those not seen before and applies their counter changes. On SQLite
    /// and PostgreSQL both are written at once on the context's connection and transaction; elsewhere they are
    /// tracked and saved with the caller's changes. Returns how many events were new.
    /// </summary>
    public static async Task<int> CountAsync(InsightsDbContext db, IReadOnlyList<CountedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await TakeTurnAsync(db, cancellationToken);
        var batch = events.DistinctBy(e => e.EventId).ToList();
        var names = batch.Select(e => e.EventName).Distinct().ToArray();
        var indicators = await db.Indicators.AsNoTracking().Where(i => i.EventName != null && names.Contains(i.EventName)).ToListAsync(cancellationToken);

        // Each person's earliest matching event counted before this batch (read before the batch is stored).
        var earliest = await EarliestAsync(db, indicators, batch, cancellationToken);
        var fresh = await StoreNewAsync(db, batch, cancellationToken);
        if (fresh.Count == 0 || indicators.Count == 0)
        {
            return fresh.Count;
        }

        var deltas = new CounterDeltas();
        deltas.Add(indicators, fresh, earliest);
        await ApplyAsync(db, deltas, cancellationToken);
        return fresh.Count;
    }

    private static readonly string[] EventColumns = ["EventId", "EventName", "Day", "RegionCode", "PersonBlindIndex", "Amount", "Attributes", "ReceivedAt"];
    private static readonly string[] CounterColumns = ["IndicatorCode", "RegionCode", "Day", "Value"];

    /// <summary>
    /// Stores the events whose id is not stored yet and returns them: <c>INSERT … ON CONFLICT DO NOTHING</c> (SQLite: one
    /// row a statement, prepared once; PostgreSQL: a few hundred rows a statement, <c>RETURNING</c> the ids stored). A
    /// redelivered event is skipped by the primary key, so two relays racing on one event cannot both count it.
    /// Elsewhere a read of the known ids and tracked inserts.
    /// </summary>
    private static async Task<List<CountedEvent>> StoreNewAsync(InsightsDbContext db, List<CountedEvent> batch, CancellationToken cancellationToken)
    {
        if (!IsSetBased(db, out var postgres))
        {
            var ids = batch.Select(e => e.EventId).ToArray();
            var known = (await db.Events.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.EventId)).Select(e => e.EventId).ToListAsync(cancellationToken)).ToHashSet();
            var unseen = batch.Where(e => !known.Contains(e.EventId)).ToList();
            db.Events.AddRange(unseen);
            return unseen;
        }

        var table = TableName(db, typeof(CountedEvent), postgres);
        var columns = ColumnList(EventColumns);
        if (!postgres)
        {
            var unseen = new List<CountedEvent>(batch.Count);
            await using var insert = await SqlitePreparedRows.PrepareAsync(
                db, $"INSERT INTO {table} ({columns}) VALUES ({SqlitePreparedRows.Placeholders(EventColumns.Length)}) ON CONFLICT (\"EventId\") DO NOTHING", typeof(CountedEvent), EventColumns, cancellationToken);
            foreach (var e in batch)
            {
                if (await insert.RunAsync(EventRow(e), cancellationToken) > 0)
                {
                    unseen.Add(e);
                }
            }

            return unseen;
        }

        var stored = new HashSet<Guid>();
        foreach (var chunk in batch.Chunk(400))
        {
            var values = ValuesList(chunk.Select(EventRow).ToList(), out var parameters);
            var sql = $"INSERT INTO {table} ({columns}) VALUES {values} ON CONFLICT (\"EventId\") DO NOTHING RETURNING \"EventId\" AS \"Value\"";
            stored.UnionWith(await db.Database.SqlQueryRaw<Guid>(sql, parameters).ToListAsync(cancellationToken));
        }

        return batch.Where(e => stored.Contains(e.EventId)).ToList();
    }

    /// <summary>For distinct-person indicators: each person's earliest matching event already counted.</summary>
    private static async Task<Dictionary<(string Indicator, string Person), (DateOnly Day, string Region)>> EarliestAsync(
        InsightsDbContext db, IReadOnlyList<Indicator> indicators, IReadOnlyList<CountedEvent> batch, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(string, string), (DateOnly, string)>();
        foreach (var indicator in indicators.Where(i => i.Measure == IndicatorMeasure.DistinctPerson))
        {
            var people = batch.Where(e => e.EventName == indicator.EventName && e.PersonBlindIndex is not null).Select(e => e.PersonBlindIndex!).Distinct().ToArray();
            if (people.Length == 0)
            {
                continue;
            }

            var filter = FactFilter.Parse(indicator.Filter);
            // By person alone (the person index; a person has few events), the event name checked here: with the name in
            // the query SQLite would walk every event of that name instead.
            var earlier = await db.Events.AsNoTracking()
                .Where(e => EF.Parameter(people).Contains(e.PersonBlindIndex))
                .Select(e => new { e.EventName, e.PersonBlindIndex, e.Day, e.RegionCode, e.Attributes })
                .ToListAsync(cancellationToken);
            foreach (var group in earlier.Where(e => e.EventName == indicator.EventName && filter.Matches(e.Attributes)).GroupBy(e => e.PersonBlindIndex!))
            {
                var first = group.OrderBy(e => e.Day).ThenBy(e => e.RegionCode, StringComparer.Ordinal).First();
                result[(indicator.Code, group.Key)] = (first.Day, first.RegionCode);
            }
        }

        return result;
    }

    /// <summary>
    /// Adds the changes to the stored counters with <c>INSERT … ON CONFLICT DO UPDATE</c> (SQLite: one row a statement,
    /// prepared once; PostgreSQL: a few hundred rows a statement); both run at once on the context's connection and
    /// transaction (the caller's transaction makes them atomic with the events). Elsewhere tracked, saved with the
    /// caller's changes.
    /// </summary>
    public static async Task ApplyAsync(InsightsDbContext db, CounterDeltas deltas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (IsSetBased(db, out var postgres))
        {
            await UpsertAsync(db, deltas.Changes.Where(c => c.Value != 0m).ToList(), postgres, cancellationToken);
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
        var name = TableName(db, typeof(Counter), postgres);
        var insert = $"INSERT INTO {name} AS c ({ColumnList(CounterColumns)}) VALUES";
        const string Conflict = "ON CONFLICT (\"IndicatorCode\", \"RegionCode\", \"Day\") DO UPDATE SET \"Value\" = ";
        if (!postgres)
        {
            // SQLite keeps decimals as text: the sum is computed as a number and rounded to the fen again.
            await using var upsert = await SqlitePreparedRows.PrepareAsync(
                db, $"{insert} ({SqlitePreparedRows.Placeholders(CounterColumns.Length)}) {Conflict}ROUND(c.\"Value\" + excluded.\"Value\", 2)", typeof(Counter), CounterColumns, cancellationToken);
            foreach (var change in changes)
            {
                await upsert.RunAsync(CounterRow(change), cancellationToken);
            }

            return;
        }

        foreach (var chunk in changes.Chunk(250))
        {
            var values = ValuesList(chunk.Select(CounterRow).ToList(), out var parameters);
            var sql = $"{insert} {values} {Conflict}c.\"Value\" + excluded.\"Value\"";
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    private static object?[] EventRow(CountedEvent e) => [e.EventId, e.EventName, e.Day, e.RegionCode, e.PersonBlindIndex, e.Amount, e.Attributes, e.ReceivedAt];

    private static object?[] CounterRow(KeyValuePair<(string Indicator, string Region, DateOnly Day), decimal> change) =>
        [change.Key.Indicator, change.Key.Region, change.Key.Day, change.Value];

    private static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(c => $"\"{c}\""));

    /// <summary><c>({0}, {1}), ({2}, {3})</c> for raw SQL through EF, with the rows' values in order (null as <see cref="DBNull"/>).</summary>
    private static string ValuesList(IReadOnlyList<object?[]> rows, out object[] parameters)
    {
        var values = new StringBuilder();
        var all = new List<object>();
        foreach (var row in rows)
        {
            values.Append(all.Count == 0 ? "(" : ", (");
            for (var c = 0; c < row.Length; c++)
            {
                values.Append(c == 0 ? "{" : ", {").Append(all.Count).Append('}');
                all.Add(row[c] ?? DBNull.Value);
            }

            values.Append(')');
        }

        parameters = [.. all];
        return values.ToString();
    }

    /// <summary>
    /// Runs <paramref name="work"/> (a change of definitions and the rebuild it needs) in one transaction that counting
    /// cannot interleave with: a crash leaves the old definition with its counters, and an event counted while an
    /// indicator is rebuilt is counted once, either in the rebuild or after it with the new definition. SQLite: the
    /// transaction holds the file's write lock from its start, as a counted batch's does. PostgreSQL: a
    /// transaction-level advisory lock that every counted batch takes too, so batches of several relay instances also
    /// take turns (a person counted once by a distinct-person indicator is decided by what earlier batches stored).
    /// SQL Server: only the transaction (untested here).
    /// </summary>
    public static async Task<T> InTurnAsync<T>(InsightsDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await TakeTurnAsync(db, cancellationToken);
            var result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>The advisory lock key of the Insights counters on PostgreSQL (any fixed number no other module uses).</summary>
    private const long CountersLockKey = 0x1A51_C0_0001;

    /// <summary>On PostgreSQL inside a transaction, waits for the counters' advisory lock (released at commit).</summary>
    private static async Task TakeTurnAsync(InsightsDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" && db.Database.CurrentTransaction is not null)
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [CountersLockKey], cancellationToken);
        }
    }

    /// <summary>Whether the provider takes the set-based SQL (SQLite, PostgreSQL); the rest go through the change tracker.</summary>
    private static bool IsSetBased(InsightsDbContext db, out bool postgres)
    {
        var provider = db.Database.ProviderName;
        postgres = provider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        return postgres || provider == "Microsoft.EntityFrameworkCore.Sqlite";
    }

    private static string TableName(InsightsDbContext db, Type entity, bool postgres)
    {
        var table = db.Model.FindEntityType(entity)!;
        return table.GetSchema() is { } schema && postgres ? $"\"{schema}\".\"{table.GetTableName()}\"" : $"\"{table.GetTableName()}\"";
    }

    /// <summary>Recounts one indicator from every event kept (after its definition changed). Saves. Run it <see cref="InTurnAsync"/>.</summary>
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
        var after = Guid.Empty;
        while (true)
        {
            var batch = await db.Events.AsNoTracking()
                .Where(e => e.EventName == indicator.EventName && e.EventId.CompareTo(after) > 0)
                .OrderBy(e => e.EventId).Take(20_000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            // In id order; the deltas remember each distinct person's earliest event across batches and move the
            // count when an earlier one comes later, so the result is that of any order.
            deltas.Add([indicator], batch, new Dictionary<(string, string), (DateOnly, string)>());

            counted += batch.Count;
            after = batch[^1].EventId;
        }

        await ApplyAsync(db, deltas, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return counted;
    }
}
