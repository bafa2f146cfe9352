using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Platform.Modules.VeteranEmployment.Features.Statistics;

namespace Platform.Bench.Veterans;

/// <summary>A handler's query: its SQL (<c>ToQueryString</c>), the engine's plan, the database's best time alone, and what in the plan deserves a look.</summary>
internal sealed record QueryPlan(string Title, string Sql, string Plan, double DatabaseMilliseconds, IReadOnlyList<string> Concerns);

/// <summary>
/// Runs the statistics handler's own LINQ (<see cref="StatisticsQueries.StatusToday"/>, <see cref="StatisticsQueries.StatusOnPastDay"/>, <see cref="StatisticsQueries.Trained"/>)
/// and the ledger read's query on a context of the bench, so EF generates the host's SQL, times it alone
/// (best of three) and asks the engine for its plan (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL
/// <c>EXPLAIN (ANALYZE, BUFFERS)</c>); scans and sorts are flagged.
/// </summary>
internal static partial class QueryPlans
{
    public static async Task<IReadOnlyList<QueryPlan>> StatisticsAsync(VeteranDatabase database, string regionCode, DateOnly on, CancellationToken cancellationToken)
    {
        await using var db = database.Context();
        var yearStart = new DateOnly(on.Year, 1, 1);
        return
        [
            await PlanAsync(database, db, $"StatusToday {regionCode}: veterans by region, category and current status", StatisticsQueries.StatusToday(db, regionCode, on), cancellationToken),
            await PlanAsync(database, db, $"StatusOnPastDay {regionCode} on {on.AddYears(-3):yyyy-MM-dd}: veterans by region, category and status on the day", StatisticsQueries.StatusOnPastDay(db, regionCode, on.AddYears(-3)), cancellationToken),
            await PlanAsync(database, db, $"Trained {regionCode} {yearStart:yyyy-MM-dd} … {on:yyyy-MM-dd}: training records of the region's veterans", StatisticsQueries.Trained(db, regionCode, yearStart, on), cancellationToken),
        ];
    }

    /// <summary>The ledger read's entries query (the handler's LINQ is inline in <c>LedgerEndpoints.GetAsync</c>; this is the same expression).</summary>
    public static async Task<QueryPlan> LedgerAsync(VeteranDatabase database, Guid veteranId, CancellationToken cancellationToken)
    {
        await using var db = database.Context();
        return await PlanAsync(database, db, "ledger read: a veteran's entries (as in GetLedger)", db.Ledger.AsNoTracking().Where(e => e.VeteranId == veteranId), cancellationToken);
    }

    /// <summary>Table scans, full index scans, sorts, rows read and thrown away: what in a plan reads more than the answer needs.</summary>
    public static IReadOnlyList<string> Flags(string plan, bool postgres) =>
        plan.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(line => Flag(line, postgres)).OfType<string>().ToArray();

    private static string? Flag(string line, bool postgres)
    {
        if (!postgres)
        {
            var scan = SqliteScan().Match(line);
            return scan.Success ? (scan.Groups["index"].Success ? $"reads all of `{scan.Groups["table"].Value}` through an index: {line}" : $"table scan of `{scan.Groups["table"].Value}`: {line}")
                : line.StartsWith("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal) ? $"sorts every match: {line}"
                : null;
        }

        var removed = PostgresRemoved().Match(line);
        return line.Contains("Seq Scan on ", StringComparison.Ordinal) ? $"sequential scan: {line}"
            : removed.Success && long.Parse(removed.Groups[1].Value, CultureInfo.InvariantCulture) > 1000 ? $"{removed.Groups[1].Value} rows read and discarded: {line}"
            : line.StartsWith("Sort Method: external", StringComparison.Ordinal) ? $"sort spilled to disk: {line}"
            : null;
    }

    private static async Task<QueryPlan> PlanAsync<T>(VeteranDatabase database, DbContext db, string title, IQueryable<T> query, CancellationToken cancellationToken)
    {
        var sql = query.ToQueryString();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = query.CreateDbCommand();
            command.CommandTimeout = 1800;
            var best = double.PositiveInfinity;
            for (var run = 0; run < 3; run++)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                    }
                }

                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var plan = await database.ExplainAsync(command, cancellationToken);
            return new QueryPlan(title, sql, plan, best, Flags(plan, database.IsPostgres));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"^SCAN (?<table>\w+)(?<index> USING (?:COVERING )?INDEX \S+)?$")]
    private static partial Regex SqliteScan();

    [GeneratedRegex(@"^Rows Removed by (?:Filter|Join Filter|Index Recheck): (\d+)")]
    private static partial Regex PostgresRemoved();
}
