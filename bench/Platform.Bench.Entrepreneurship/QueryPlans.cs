using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Shared;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Statistics;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

namespace Platform.Bench.Entrepreneurship;

/// <summary>A handler's query: its SQL, the engine's plan, the database's time for it, and what in the plan deserves a look.</summary>
internal sealed record QueryPlan(string Title, string Sql, string Plan, double DatabaseMilliseconds, IReadOnlyList<string> Concerns);

/// <summary>The claim computed in the bench process as the host computes it: time in all, and in its two queries.</summary>
internal sealed record ClaimCompute(double TotalMilliseconds, double QueryMilliseconds, int Lines, int Loans, long Repayments);

/// <summary>A command EF sent: text, parameters, and the time from executing it to closing its reader (rows read and materialised).</summary>
internal sealed class RecordedCommand(string text, IReadOnlyList<DbParameter> parameters)
{
    public string Text { get; } = text;

    public IReadOnlyList<DbParameter> Parameters { get; } = parameters;

    public double Milliseconds { get; set; }

    public long Rows { get; set; }

    /// <summary>The text with the parameters' values as comments first, as <c>ToQueryString</c> shows them.</summary>
    public string Display() =>
        string.Concat(Parameters.Select(p => $"-- {p.ParameterName}='{Format(p.Value)}'\n")) + Text;

    private static string Format(object? value) => value switch
    {
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset moment => moment.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "NULL",
    };
}

/// <summary>Records every query EF sends on a context, with its parameters and the time its reader stayed open.</summary>
internal sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly Dictionary<DbCommand, (RecordedCommand Command, long Started)> open = new(ReferenceEqualityComparer.Instance);

    public List<RecordedCommand> Commands { get; } = [];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        if (open.Remove(command, out var entry))
        {
            entry.Command.Milliseconds = Stopwatch.GetElapsedTime(entry.Started).TotalMilliseconds;
            entry.Command.Rows = eventData.ReadCount;
        }

        return result;
    }

    private void Start(DbCommand command)
    {
        var parameters = command.Parameters.Cast<DbParameter>().Select(Clone).ToArray();
        var recorded = new RecordedCommand(command.CommandText, parameters);
        Commands.Add(recorded);
        open[command] = (recorded, Stopwatch.GetTimestamp());
    }

    private static DbParameter Clone(DbParameter parameter) => parameter switch
    {
        ICloneable cloneable => (DbParameter)cloneable.Clone(),
        SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType, Size = sqlite.Size },
        _ => throw new BenchFailureException($"Cannot copy a {parameter.GetType().Name}."),
    };
}

/// <summary>
/// Runs the handlers' own code (<see cref="EntrepreneurshipStatisticsQueries"/>, <see cref="SubsidyClaims.ComputeAsync"/>,
/// <see cref="LoanStandings.PaymentsAsync"/>) on a context of the bench whose caller is the province's integrator, so
/// EF sends the host's SQL with the host's region filter; records each command with an interceptor, times it, and
/// asks the engine for its plan (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL <c>EXPLAIN (ANALYZE, BUFFERS)</c>).
/// Scans and sorts are flagged.
/// </summary>
internal static partial class QueryPlans
{
    public static async Task<IReadOnlyList<QueryPlan>> StatisticsAsync(EntrepreneurshipDatabase database, string regionCode, DateOnly today, CancellationToken cancellationToken)
    {
        using var caller = CallerScope.For(Callers.Role, EntrepreneurRegions.ProvinceOf(regionCode));
        var from = new DateOnly(today.Year, 1, 1);
        var period = string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd} … {today:yyyy-MM-dd}");
        return
        [
            await BestOfThreeAsync(database, caller, $"statistics {regionCode}, {period}: founders by county and category (FoundersAsync)",
                db => EntrepreneurshipStatisticsQueries.FoundersAsync(db, regionCode, from, today, cancellationToken), cancellationToken),
            await BestOfThreeAsync(database, caller, $"statistics {regionCode}, {period}: businesses by county (BusinessesAsync)",
                db => EntrepreneurshipStatisticsQueries.BusinessesAsync(db, regionCode, from, today, cancellationToken), cancellationToken),
            await BestOfThreeAsync(database, caller, $"statistics {regionCode}, {period}: loans by county, status, paid out in the period (LoansAsync)",
                db => EntrepreneurshipStatisticsQueries.LoansAsync(db, regionCode, from, today, cancellationToken), cancellationToken),
        ];
    }

    /// <summary>The claim's computation once (its two queries and the arithmetic), with the plans of both queries.</summary>
    public static async Task<(ClaimCompute Compute, IReadOnlyList<QueryPlan> Plans)> ClaimAsync(
        EntrepreneurshipDatabase database, string bankCode, string regionCode, DateOnly month, CancellationToken cancellationToken)
    {
        using var caller = CallerScope.For(Callers.Role, EntrepreneurRegions.ProvinceOf(regionCode));
        var recorder = new CommandRecorder();
        List<SubsidyClaimLine> lines;
        var started = Stopwatch.GetTimestamp();
        await using (var db = database.Context(caller, recorder))
        {
            lines = await SubsidyClaims.ComputeAsync(db, bankCode, regionCode, month, cancellationToken);
        }

        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var commands = recorder.Commands;
        var compute = new ClaimCompute(total, commands.Sum(c => c.Milliseconds), lines.Count, (int)(commands.Count > 0 ? commands[0].Rows : 0), commands.Count > 1 ? commands[1].Rows : 0);
        var titles = new[] { "claim: the bank's loans in the region paid out by the month's end (contracts)", "claim: their repayments up to the month's end" };
        var plans = new List<QueryPlan>();
        for (var i = 0; i < commands.Count; i++)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"{(i < titles.Length ? titles[i] : "claim: query " + (i + 1))} ({month:yyyy-MM}, {regionCode}; {commands[i].Rows:N0} rows)");
            plans.Add(await ExplainAsync(database, caller, title, commands[i], commands[i].Milliseconds, cancellationToken));
        }

        return (compute, plans);
    }

    /// <summary>The queries of a schedule or interest-subsidy read: the loan by id (with the region filter), its repayments.</summary>
    public static async Task<IReadOnlyList<QueryPlan>> LoanReadAsync(EntrepreneurshipDatabase database, RosterLoan loan, CancellationToken cancellationToken)
    {
        using var caller = CallerScope.For(Callers.Role, EntrepreneurRegions.ProvinceOf(loan.RegionCode));
        return
        [
            await BestOfThreeAsync(database, caller, "loan read: the loan (EntrepreneurshipAccess.LoanAsync)", db => EntrepreneurshipAccess.LoanAsync(db, loan.Id, cancellationToken), cancellationToken),
            await BestOfThreeAsync(database, caller, "loan read: its repayments (LoanStandings.PaymentsAsync)", db => LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken), cancellationToken),
        ];
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

    /// <summary>Runs <paramref name="action"/> three times on fresh contexts, keeps the best time, and explains the (single) query it sent.</summary>
    private static async Task<QueryPlan> BestOfThreeAsync<T>(
        EntrepreneurshipDatabase database, IServiceProvider caller, string title, Func<ReturnHomeEntrepreneurshipDbContext, Task<T>> action, CancellationToken cancellationToken)
    {
        var best = double.PositiveInfinity;
        RecordedCommand? command = null;
        for (var run = 0; run < 3; run++)
        {
            var recorder = new CommandRecorder();
            await using var db = database.Context(caller, recorder);
            var started = Stopwatch.GetTimestamp();
            await action(db);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            command = recorder.Commands.LastOrDefault();
        }

        return command is null
            ? new QueryPlan(title, "(no query sent)", "", best, [])
            : await ExplainAsync(database, caller, title, command, best, cancellationToken);
    }

    private static async Task<QueryPlan> ExplainAsync(
        EntrepreneurshipDatabase database, IServiceProvider caller, string title, RecordedCommand recorded, double milliseconds, CancellationToken cancellationToken)
    {
        await using var db = database.Context(caller);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = recorded.Text;
            command.CommandTimeout = 1800;
            foreach (var parameter in recorded.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            var plan = await database.ExplainAsync(command, cancellationToken);
            command.Parameters.Clear();
            return new QueryPlan(title, recorded.Display(), plan, milliseconds, Flags(plan, database.IsPostgres));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string Sql(QueryPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine("```sql").AppendLine(plan.Sql.TrimEnd()).AppendLine("```").AppendLine();
        text.AppendLine("```").AppendLine(plan.Plan.TrimEnd()).AppendLine("```").AppendLine();
        return text.ToString();
    }

    [GeneratedRegex(@"^SCAN (?<table>\w+)(?<index> USING (?:COVERING )?INDEX \S+)?$")]
    private static partial Regex SqliteScan();

    [GeneratedRegex(@"^Rows Removed by (?:Filter|Join Filter|Index Recheck): (\d+)")]
    private static partial Regex PostgresRemoved();
}
