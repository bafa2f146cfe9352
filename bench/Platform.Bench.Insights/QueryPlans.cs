using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.Insights.Features.Progress;
using Platform.Modules.Insights.Persistence.Seeding;

namespace Platform.Bench.Insights;

/// <summary>One SQL text the handler sends: how often, how long in all, its plan, and the best of three runs of its slowest instance alone.</summary>
internal sealed record QueryPlan(string Title, string Sql, string Plan, int Executions, double TotalMilliseconds, double AloneMilliseconds);

/// <summary>
/// Runs the handlers' own code (<see cref="ProgressQueries.ReportAsync"/>, <see cref="ProgressQueries.SumByRegionAsync"/>) on a
/// context of the bench, records each command EF sends with an interceptor, and asks the engine for the plan of each
/// distinct SQL text (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL <c>EXPLAIN (ANALYZE, BUFFERS)</c>).
/// </summary>
internal static class QueryPlans
{
    public static async Task<IReadOnlyList<QueryPlan>> ProgressAsync(InsightsDatabase database, DateOnly today, CancellationToken cancellationToken)
    {
        var regions = RegionCatalog.LoadEmbedded();
        var plans = new List<QueryPlan>();
        var recorder = new Recorder();
        await using (var db = database.Insights(recorder))
        {
            await ProgressQueries.ReportAsync(db, regions, "510000", 2021, 2025, today, cancellationToken);
        }

        plans.AddRange(await ExplainAllAsync(database, "progress 510000, 2021–2025", recorder.Commands, cancellationToken));
        recorder = new Recorder();
        await using (var db = database.Insights(recorder))
        {
            var codes = regions.ChildrenOf("510000").Select(r => r.Code).Append("510000").ToArray();
            await ProgressQueries.SumByRegionAsync(db, SeedIndicators.SubsidisedTrainings, codes, new DateOnly(2021, 1, 1), new DateOnly(2025, 12, 31), cancellationToken);
        }

        plans.AddRange(await ExplainAllAsync(database, "compare 510000 subsidised_trainings 2021–2025", recorder.Commands, cancellationToken));
        return plans;
    }

    private static async Task<IReadOnlyList<QueryPlan>> ExplainAllAsync(InsightsDatabase database, string title, IReadOnlyList<Recorded> commands, CancellationToken cancellationToken)
    {
        var plans = new List<QueryPlan>();
        await using var db = database.Insights();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        foreach (var group in commands.GroupBy(c => c.Text, StringComparer.Ordinal))
        {
            var slowest = group.MaxBy(c => c.Milliseconds)!;
            await using var command = Copy(connection, slowest);
            var plan = await database.ExplainAsync(command, cancellationToken);
            var best = double.MaxValue;
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

            var sql = string.Concat(slowest.Parameters.Select(p => $"-- {p.Name}='{Format(p.Value)}'\n")) + slowest.Text;
            plans.Add(new QueryPlan(string.Create(CultureInfo.InvariantCulture, $"{title}: {Describe(slowest.Text)}"), sql, plan, group.Count(), group.Sum(c => c.Milliseconds), best));
        }

        return plans;
    }

    private static DbCommand Copy(DbConnection connection, Recorded recorded)
    {
        var command = connection.CreateCommand();
        command.CommandText = recorded.Text;
        foreach (var (name, value) in recorded.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static string Describe(string sql) =>
        sql.Contains("\"targets\"", StringComparison.Ordinal) ? "the region's targets"
        : sql.Contains("\"indicators\"", StringComparison.Ordinal) ? "the indicators"
        : sql.Contains("GROUP BY", StringComparison.Ordinal) ? "counters summed per region (SumByRegionAsync)"
        : sql.Contains("\"counters\"", StringComparison.Ordinal) ? "an indicator's counters summed over the period (SumAsync, once per target)"
        : "query";

    private static string Format(object? value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "NULL",
    };

    private sealed record Recorded(string Text, IReadOnlyList<(string Name, object? Value)> Parameters)
    {
        public double Milliseconds { get; set; }
    }

    /// <summary>Each query EF sends: text, parameter values, and the time from executing it to disposing its reader.</summary>
    private sealed class Recorder : DbCommandInterceptor
    {
        private readonly Dictionary<DbCommand, (Recorded Command, long Started)> open = new(ReferenceEqualityComparer.Instance);

        public List<Recorded> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            var recorded = new Recorded(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToArray());
            Commands.Add(recorded);
            open[command] = (recorded, Stopwatch.GetTimestamp());
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (open.Remove(command, out var entry))
            {
                entry.Command.Milliseconds = Stopwatch.GetElapsedTime(entry.Started).TotalMilliseconds;
            }

            return result;
        }
    }
}
