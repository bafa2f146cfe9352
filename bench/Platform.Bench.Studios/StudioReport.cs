using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Bench.Studios;

/// <summary>Everything one run found, for the report.</summary>
internal sealed class StudioRun
{
    public required StudioBenchOptions Options { get; init; }

    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required string HostBuild { get; init; }

    public required string Database { get; init; }

    public required int Year { get; init; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public List<string> Facts { get; } = [];

    public List<(string Phase, double Load)> Loads { get; } = [];

    public List<string> DataLines { get; } = [];

    public LoadResult? Load { get; set; }

    public string? Size { get; set; }

    public TimeSpan? SetupTime { get; set; }

    public TimeSpan? ReadyTime { get; set; }

    public SearchResult? Search { get; set; }

    public IReadOnlyList<TimedCall> Statistics { get; set; } = [];

    public IReadOnlyList<TimedCall> Overdue { get; set; } = [];

    public List<QueryPlan> Plans { get; } = [];

    public void RecordLoad(string phase)
    {
        if (OperatingSystem.IsLinux())
        {
            Loads.Add((phase, double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)));
        }
    }
}

/// <summary>The Markdown report: aims first, then the data, each measurement, and the plans with what in them deserves a look.</summary>
internal static class StudioReport
{
    public const double SearchP99AimMs = 50;
    public const double StatisticsAimMs = 1000;

    public static string Render(StudioRun run)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var o = run.Options;
        var engine = o.Postgres ? "PostgreSQL" : "SQLite";
        Line($"# Skill-master studios benchmark: {engine}, {o.Studios:N0} studios, {o.Apprentices:N0} apprentices");
        md.AppendLine();
        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; host build: {run.HostBuild}");
        Line($"- Command: `{run.Command}`");
        Line($"- Machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGb():0.0} GB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"- Database: {run.Database}");
        foreach (var fact in run.Facts)
        {
            Line($"  - {fact}");
        }

        md.AppendLine("- Host: the Release build of `src/Host` (`dotnet Platform.Host.dll`, `ASPNETCORE_ENVIRONMENT=Production`, 127.0.0.1, throw-away keys, rate limiting off). Requests carry HS256 bench tokens with role `operator`: region `*`, or one city where the shape says so.");
        Line($"- 1-minute load average before each phase: {string.Join("; ", run.Loads.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Phase} {l.Load:0.00}")))}");
        md.AppendLine();

        md.AppendLine("## Aims");
        md.AppendLine();
        var met = o.Postgres ? "Met (aims are for SQLite)" : "Met";
        Line($"| Figure | Result | Aim | {met} |");
        md.AppendLine("| --- | --- | --- | --- |");
        if (run.Search is { } search)
        {
            Line($"| Search p50 / p95 / p99, all shapes ({search.Overall.Count:N0} requests) | {search.Overall.P50:0.0} / {search.Overall.P95:0.0} / {search.Overall.P99:0.0} ms | p99 < {SearchP99AimMs:0} ms | {Mark(search.Overall.P99 < SearchP99AimMs)} |");
            var worst = search.Shapes.MaxBy(s => s.Latency.P99)!;
            Line($"| Search p99, slowest shape ({worst.Shape.Name}) | {worst.Latency.P99:0.0} ms | p99 < {SearchP99AimMs:0} ms | {Mark(worst.Latency.P99 < SearchP99AimMs)} |");
        }

        if (run.Statistics.Count > 0)
        {
            var warm = run.Statistics.MaxBy(s => s.Warm.P50)!;
            var cold = run.Statistics.MaxBy(s => s.ColdMilliseconds)!;
            Line($"| Statistics {run.Year}, slowest region, warm median | {warm.Warm.P50:N0} ms ({warm.Name}) | < {StatisticsAimMs:N0} ms | {Mark(warm.Warm.P50 < StatisticsAimMs)} |");
            Line($"| Statistics {run.Year}, slowest region, first call | {cold.ColdMilliseconds:N0} ms ({cold.Name}) | < {StatisticsAimMs:N0} ms | {Mark(cold.ColdMilliseconds < StatisticsAimMs)} |");
        }

        foreach (var overdue in run.Overdue)
        {
            Line($"| Overdue reports, {overdue.Name}, warm median | {overdue.Warm.P50:N0} ms | — | |");
        }

        md.AppendLine();
        RenderData(md, run);
        RenderSearch(md, run);
        RenderTimed(md, "Statistics", $"`GET /api/skill-master-studios/statistics?regionCode=<region>&year={run.Year}` as the operator of both provinces: the first call (the first statistics request of the host, so it includes compiling the queries) and the median and max of {o.WarmCalls} more.", run.Statistics);
        RenderTimed(md, "Overdue annual reports", $"`GET /api/skill-master-studios/annual-reports/overdue?regionCode=510000` (last year, 100 a page) and the page after it (`cursor`), as the operator of both provinces: first call and {o.WarmCalls} more.", run.Overdue);
        RenderPlans(md, run);
        return md.ToString();
    }

    private static void RenderData(StringBuilder md, StudioRun run)
    {
        md.AppendLine("## Data");
        md.AppendLine();
        if (run.SetupTime is { } setup)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Setup: the host started on an empty database, migrated it and seeded the sample reference data (rules, funding standards), ready after {setup.TotalSeconds:0.0} s, then stopped."));
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
            md.AppendLine($"| Rows | {string.Join(", ", load.Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Value:N0} {r.Key}")))} |");
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| Planning (in memory) | {load.Planning.TotalSeconds:0.0} s |"));
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| Writing (about {load.BatchSize:N0} rows per SaveChanges, change detection off) | {load.Writing.TotalSeconds:0.0} s, {load.Total / load.Writing.TotalSeconds:N0} rows/s ({load.Saving.TotalSeconds:0.0} s in SaveChanges, the rest building and encrypting rows) |"));
            md.AppendLine($"| After the load | {load.AfterLoad} |");
        }

        md.AppendLine();
        md.AppendLine($"Size: {run.Size}");
        if (run.ReadyTime is { } ready)
        {
            md.AppendLine();
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"The host restarted on the data and was ready after {ready.TotalSeconds:0.0} s."));
        }

        md.AppendLine();
    }

    private static void RenderSearch(StringBuilder md, StudioRun run)
    {
        if (run.Search is not { } search)
        {
            return;
        }

        md.AppendLine("## Search");
        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"`POST /api/skill-master-studios/studios/search`, sequential on one kept-alive connection, default page size 50, cycling through the shapes (filters drawn at random from the generated data); {search.WarmUp} warm-up requests, then {search.Overall.Count:N0} measured in {search.Elapsed.TotalSeconds:0} s. Time from sending to the last byte of the answer. A later page follows the `nextCursor` of the shape it pages, up to ten pages deep."));
        md.AppendLine();
        md.AppendLine("| Shape | Requests | p50 ms | p95 ms | p99 ms | max ms | items/page | slowest request |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in search.Shapes)
        {
            var l = s.Latency;
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {s.Shape.Name} | {l.Count:N0} | {l.P50:0.0} | {l.P95:0.0} | {l.P99:0.0} | {l.Max:0.0} | {s.AverageItems:0.0} | {Measurements.Describe(s.Slowest)} |"));
        }

        var a = search.Overall;
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | {a.Count:N0} | {a.P50:0.0} | {a.P95:0.0} | {a.P99:0.0} | {a.Max:0.0} | | |"));
        md.AppendLine();
        if (search.Cpu is { } cpu)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"CPU over the measured window ({cpu.Cores} cores): host {cpu.ServerCores:0.00} cores ({cpu.ServerMicrosecondsPerAnswer:N0} µs per answer), bench client {cpu.ClientCores:0.00}, everything else {cpu.OtherCores:0.00} (PostgreSQL's backends count there)."));
            md.AppendLine();
        }

        if (search.Errors.Count > 0)
        {
            md.AppendLine($"**Answers other than 200:** {string.Join(", ", search.Errors.Select(e => $"{e.Value} × {e.Key}"))}. First: {search.FirstError}");
            md.AppendLine();
        }
    }

    private static void RenderTimed(StringBuilder md, string heading, string how, IReadOnlyList<TimedCall> calls)
    {
        if (calls.Count == 0)
        {
            return;
        }

        md.AppendLine($"## {heading}");
        md.AppendLine();
        md.AppendLine(how);
        md.AppendLine();
        md.AppendLine("| Request | First call ms | Warm median ms | Warm max ms | Answer |");
        md.AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var c in calls)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Name} | {c.ColdMilliseconds:N0} | {c.Warm.P50:N0} | {c.Warm.Max:N0} | {c.Facts}{(c.Error is null ? "" : $" **error:** {c.Error}")} |"));
        }

        md.AppendLine();
    }

    private static void RenderPlans(StringBuilder md, StudioRun run)
    {
        if (run.Plans.Count == 0)
        {
            return;
        }

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("The handlers' own LINQ (`SearchStudios.Filter`/`Page` with the slowest filter of each shape, `StatisticsQueries.*`, `ReportEndpoints.OverdueStudios`) on a context of the bench: same model, provider and SQL as the host. City-operator shapes run as that caller, so the region query filter is in the SQL. \"Database alone\" is the best of three runs of the bare query from the bench process.");
        md.AppendLine();
        var flagged = run.Plans.Where(p => p.Concerns.Count > 0).ToArray();
        md.AppendLine(flagged.Length == 0
            ? "No plan scans a whole table or sorts every match."
            : "Plans that read more than the page needs (check whether an index should serve them):");
        md.AppendLine();
        foreach (var plan in flagged)
        {
            md.AppendLine($"- **{plan.Title}** ({plan.DatabaseMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms alone): {string.Join("; ", plan.Concerns)}");
        }

        md.AppendLine();
        foreach (var plan in run.Plans)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"### {plan.Title}: database alone {plan.DatabaseMilliseconds:0.0} ms"));
            md.AppendLine();
            md.AppendLine("```sql");
            md.AppendLine(plan.Sql.TrimEnd());
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(plan.Plan.TrimEnd());
            md.AppendLine("```");
            md.AppendLine();
        }
    }

    private static string Mark(bool met) => met ? "yes" : "**no**";

    private static string CpuModel() =>
        OperatingSystem.IsLinux()
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
            : "unknown";

    private static double MemoryGb()
    {
        var line = OperatingSystem.IsLinux() ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(new string(line.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) / 1048576.0;
    }
}
