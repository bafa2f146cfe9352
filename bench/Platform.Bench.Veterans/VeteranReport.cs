using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Platform.Bench.Vouchers;

namespace Platform.Bench.Veterans;

/// <summary>How the load went.</summary>
internal sealed record LoadResult(IReadOnlyDictionary<string, long> Rows, TimeSpan Generating, TimeSpan Inserting, TimeSpan Indexing, string Method, string AfterLoad)
{
    public long Total => Rows.Values.Sum();

    public TimeSpan Elapsed => Generating + Inserting + Indexing;
}

/// <summary>Everything one run found, for the report.</summary>
internal sealed class VeteranRun
{
    public required VeteranBenchOptions Options { get; init; }

    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required string Database { get; init; }

    public required DateOnly Today { get; init; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public List<string> Facts { get; } = [];

    public List<(string Phase, double Load)> Loads { get; } = [];

    public List<string> DataLines { get; } = [];

    public LoadResult? Load { get; set; }

    public string? Size { get; set; }

    public TimeSpan? SetupTime { get; set; }

    public TimeSpan? ReadyTime { get; set; }

    public IReadOnlyList<StatisticsCall> Statistics { get; set; } = [];

    public IReadOnlyList<LedgerReads> Ledger { get; set; } = [];

    public LatencySummary? LedgerOverall { get; set; }

    public CpuUse? LedgerCpu { get; set; }

    public string? LedgerError { get; set; }

    public ImportResult? Import { get; set; }

    public List<QueryPlan> Plans { get; } = [];

    public void Phase(string phase)
    {
        if (MachineLoad.LoadAverage() is { } load)
        {
            Loads.Add((phase, load));
        }
    }
}

/// <summary>The Markdown report: aims, data, each measurement, the plans with what in them deserves a look.</summary>
internal static class VeteranReport
{
    public const double StatisticsAimMs = 2000;
    public const double LedgerP99AimMs = 20;
    public const double ImportAimMs = 60_000;

    public static string Render(VeteranRun run)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var o = run.Options;
        Line($"# Veteran employment benchmark: {(o.Postgres ? "PostgreSQL" : "SQLite")}, {o.Veterans:N0} veterans, {o.Entries:N0} ledger entries");
        md.AppendLine();
        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; today in China {run.Today:yyyy-MM-dd}");
        Line($"- Command: `{run.Command}`");
        Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"- Database: {run.Database}");
        foreach (var fact in run.Facts)
        {
            Line($"  - {fact}");
        }

        md.AppendLine("- Host: the Release build of `src/Host` (`ASPNETCORE_ENVIRONMENT=Production`, 127.0.0.1, throw-away keys, rate limiting off). Requests carry HS256 bench tokens with role `operator` and region `*`.");
        Line($"- 1-minute load average before each phase: {string.Join("; ", run.Loads.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Phase} {l.Load:0.00}")))}");
        md.AppendLine();
        RenderAims(md, run);
        RenderData(md, run);
        RenderStatistics(md, run);
        RenderLedger(md, run);
        RenderImport(md, run);
        RenderPlans(md, run);
        return md.ToString();
    }

    private static void RenderAims(StringBuilder md, VeteranRun run)
    {
        md.AppendLine("## Aims");
        md.AppendLine();
        md.AppendLine(run.Options.Postgres ? "| Figure | Result | Aim | Met (aims are for SQLite) |" : "| Figure | Result | Aim | Met |");
        md.AppendLine("| --- | --- | --- | --- |");
        void Row(string figure, string result, string aim, bool met) => md.AppendLine($"| {figure} | {result} | {aim} | {(met ? "yes" : "**no**")} |");
        var provinces = run.Statistics.Where(s => s.Region.EndsWith("0000)", StringComparison.Ordinal) && s.Error is null).ToArray();
        if (provinces.Length > 0)
        {
            var warm = provinces.MaxBy(s => s.Warm.P50)!;
            var first = provinces.MaxBy(s => s.FirstMilliseconds)!;
            Row($"Statistics of a province, slowest, warm median", F($"{warm.Warm.P50:N0} ms ({warm.Region}, {warm.On:yyyy-MM-dd})"), F($"< {StatisticsAimMs:N0} ms"), warm.Warm.P50 < StatisticsAimMs);
            Row($"Statistics of a province, slowest, first call", F($"{first.FirstMilliseconds:N0} ms ({first.Region}, {first.On:yyyy-MM-dd})"), F($"< {StatisticsAimMs:N0} ms"), first.FirstMilliseconds < StatisticsAimMs);
        }

        if (run.LedgerOverall is { Count: > 0 } ledger)
        {
            Row(F($"Ledger reads p50 / p95 / p99 ({ledger.Count:N0})"), F($"{ledger.P50:0.0} / {ledger.P95:0.0} / {ledger.P99:0.0} ms"), F($"p99 < {LedgerP99AimMs:0} ms"), ledger.P99 < LedgerP99AimMs);
        }

        if (run.Import is { } import)
        {
            Row(F($"Import of {import.RowsSent:N0} rows, end to end"), F($"{import.Milliseconds / 1000:0.0} s, {import.Applied:N0} applied, {import.Failed:N0} failed"), F($"< {ImportAimMs / 1000:0} s, 0 failed"), import.Milliseconds < ImportAimMs && import.Failed == 0 && import.Status == 200);
        }

        md.AppendLine();
    }

    private static void RenderData(StringBuilder md, VeteranRun run)
    {
        md.AppendLine("## Data");
        md.AppendLine();
        if (run.SetupTime is { } setup)
        {
            md.AppendLine(F($"Setup: the host started on an empty database, migrated it and seeded the sample incentive standards, ready after {setup.TotalSeconds:0.0} s, then stopped."));
            md.AppendLine();
        }

        foreach (var line in run.DataLines)
        {
            md.AppendLine(line);
        }

        if (run.Load is { } load)
        {
            md.AppendLine();
            md.AppendLine("| Generator | |");
            md.AppendLine("| --- | --- |");
            md.AppendLine($"| Rows | {string.Join(", ", load.Rows.Select(r => F($"{r.Value:N0} {r.Key}")))} |");
            md.AppendLine($"| Method | {load.Method} |");
            md.AppendLine(F($"| Generating rows (incl. encrypting identity numbers) | {load.Generating.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Inserting | {load.Inserting.TotalSeconds:0.0} s, {load.Total / Math.Max(0.001, load.Inserting.TotalSeconds):N0} rows/s |"));
            md.AppendLine(F($"| Rebuilding the secondary indexes (and on PostgreSQL `VACUUM (ANALYZE)`) | {load.Indexing.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Whole load | {load.Elapsed.TotalSeconds:0.0} s, {load.Total / Math.Max(0.001, load.Elapsed.TotalSeconds):N0} rows/s |"));
            md.AppendLine($"| After the load | {load.AfterLoad} |");
        }

        md.AppendLine();
        md.AppendLine($"Size: {run.Size}");
        if (run.ReadyTime is { } ready)
        {
            md.AppendLine();
            md.AppendLine(F($"The host restarted on the data and was ready after {ready.TotalSeconds:0.0} s."));
        }

        md.AppendLine();
    }

    private static void RenderStatistics(StringBuilder md, VeteranRun run)
    {
        if (run.Statistics.Count == 0)
        {
            return;
        }

        md.AppendLine("## Status-on-date statistics");
        md.AppendLine();
        md.AppendLine(F($"`GET /api/veteran-employment/statistics?regionCode=<region>&on=<day>`, today and three years ago: the first call after the host started (the first of each day compiles nothing new after the first overall) and the median and max of {run.Options.WarmCalls} more."));
        md.AppendLine();
        md.AppendLine("| Region | On | First call ms | Warm median ms | Warm max ms | Answer |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | --- |");
        foreach (var s in run.Statistics)
        {
            md.AppendLine(F($"| {s.Region} | {s.On:yyyy-MM-dd} | {s.FirstMilliseconds:N0} | {s.Warm.P50:N0} | {s.Warm.Max:N0} | {s.Facts}{(s.Error is null ? "" : " **error:** " + s.Error)} |"));
        }

        md.AppendLine();
    }

    private static void RenderLedger(StringBuilder md, VeteranRun run)
    {
        if (run.LedgerOverall is not { } overall)
        {
            return;
        }

        md.AppendLine("## Ledger reads");
        md.AppendLine();
        md.AppendLine(F($"`GET /api/veteran-employment/veterans/{{id}}/ledger` of random veterans, alternately without `on` (today) and with `?on=` a random day between the veteran's discharge and today; sequential on one kept-alive connection, {run.Options.LedgerWarmUp} warm-up requests, then {overall.Count:N0} measured. Time from sending to the last byte."));
        md.AppendLine();
        md.AppendLine("| Form | Requests | p50 ms | p95 ms | p99 ms | max ms | entries per ledger | empty ledgers |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var f in run.Ledger)
        {
            md.AppendLine(F($"| {f.Form} | {f.Latency.Count:N0} | {f.Latency.P50:0.0} | {f.Latency.P95:0.0} | {f.Latency.P99:0.0} | {f.Latency.Max:0.0} | {f.AverageEntries:0.0} | {f.EmptyLedgers} |"));
        }

        md.AppendLine(F($"| **all** | {overall.Count:N0} | {overall.P50:0.0} | {overall.P95:0.0} | {overall.P99:0.0} | {overall.Max:0.0} | | |"));
        md.AppendLine();
        if (run.LedgerCpu is { } cpu)
        {
            md.AppendLine(F($"CPU over the measured window ({cpu.Cores} cores): host {cpu.ServerCores:0.00} cores ({cpu.ServerMicrosecondsPerAnswer:N0} µs per answer), bench client {cpu.ClientCores:0.00}, everything else {cpu.OtherCores:0.00}."));
            md.AppendLine();
        }

        if (run.LedgerError is { } error)
        {
            md.AppendLine($"**Answers other than 200** (first): {error}");
            md.AppendLine();
        }
    }

    private static void RenderImport(StringBuilder md, VeteranRun run)
    {
        if (run.Import is not { } import)
        {
            return;
        }

        md.AppendLine("## Ledger import");
        md.AppendLine();
        md.AppendLine(F($"`POST /api/veteran-employment/ledger/imports` (`text/csv`, {import.CsvBytes / 1048576.0:0.0} MB): {import.RowsSent:N0} rows of valid updates for random registered veterans (clear identity numbers kept by the harness), each a status of the walk effective between the veteran's last effective day and today with the details it needs; {import.Corrections:N0} correct the veteran's last generated entry on its own day. Timed from sending to the last byte of the answer (parsing, validation, blind-index look-ups, appending, one transaction with the outbox messages)."));
        md.AppendLine();
        md.AppendLine("| Status | Rows | Applied | Failed | Time | Rows/s |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        md.AppendLine(F($"| {import.Status} | {import.Rows:N0} | {import.Applied:N0} | {import.Failed:N0} | {import.Milliseconds / 1000:0.0} s | {import.Applied / Math.Max(0.001, import.Milliseconds / 1000):N0} |"));
        md.AppendLine();
        if (import.FirstErrors is { } errors)
        {
            md.AppendLine($"**Errors** (first): {errors}");
            md.AppendLine();
        }
    }

    private static void RenderPlans(StringBuilder md, VeteranRun run)
    {
        if (run.Plans.Count == 0)
        {
            return;
        }

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("The handler's own LINQ (`StatisticsQueries.StatusOn` and `.Trained`, and the ledger read's entries query) on a context of the bench: same model, provider and SQL as the host (`ToQueryString`). \"Alone\" is the best of three runs of the bare query from the bench process.");
        md.AppendLine();
        var flagged = run.Plans.Where(p => p.Concerns.Count > 0).ToArray();
        md.AppendLine(flagged.Length == 0 ? "No plan scans a whole table or sorts every match." : "Plans that read more than the answer needs:");
        md.AppendLine();
        foreach (var plan in flagged)
        {
            md.AppendLine(F($"- **{plan.Title}** ({plan.DatabaseMilliseconds:0.0} ms alone): {string.Join("; ", plan.Concerns)}"));
        }

        md.AppendLine();
        foreach (var plan in run.Plans)
        {
            md.AppendLine(F($"### {plan.Title}: alone {plan.DatabaseMilliseconds:0.0} ms"));
            md.AppendLine();
            md.AppendLine("```sql").AppendLine(plan.Sql.TrimEnd()).AppendLine("```").AppendLine();
            md.AppendLine("```").AppendLine(plan.Plan.TrimEnd()).AppendLine("```").AppendLine();
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
