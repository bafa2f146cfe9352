using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Bench.Vouchers;

/// <summary>The machine the figures come from.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGb, string CpuModel, string Os, string Runtime)
{
    public static MachineInfo Read()
    {
        var memory = 0.0;
        var cpu = "unknown";
        if (OperatingSystem.IsLinux())
        {
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null)
            {
                memory = long.Parse(new string(total.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture) / 1048576.0;
            }

            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        return new MachineInfo(Environment.ProcessorCount, memory, cpu, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription);
    }
}

/// <summary>Everything one run found, for the report.</summary>
internal sealed class VoucherRun
{
    public required VoucherBenchOptions Options { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    public required string Commit { get; init; }

    public required string HostBuild { get; init; }

    public required MachineInfo Machine { get; init; }

    public required string Database { get; init; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public List<(string Phase, double? Load1, double? Load5)> Loads { get; } = [];

    public IReadOnlyList<string> ServerFacts { get; set; } = [];

    public TimeSpan? SetupTime { get; set; }

    public bool Reused { get; set; }

    public PlanSummary? Plan { get; set; }

    public GeneratorResult? Generator { get; set; }

    public string? Size { get; set; }

    public TimeSpan? ReadyTime { get; set; }

    public SearchResult? Search { get; set; }

    public IReadOnlyList<CityStatistics>? Statistics { get; set; }

    public IssueResult? Issue { get; set; }

    public List<QueryPlan> Plans { get; } = [];

    public List<string> Notes { get; } = [];

    public void RecordLoad(string phase)
    {
        if (!OperatingSystem.IsLinux())
        {
            Loads.Add((phase, null, null));
            return;
        }

        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        Loads.Add((phase, double.Parse(fields[0], CultureInfo.InvariantCulture), double.Parse(fields[1], CultureInfo.InvariantCulture)));
    }
}

/// <summary>The Markdown report.</summary>
internal static class VoucherReport
{
    public const double SearchP99AimMs = 50;
    public const double StatisticsAimMs = 1000;
    public const double IssueAimPerSecond = 1000;

    public static string Render(VoucherRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var o = run.Options;
        var md = new StringBuilder();
        md.AppendLine(Inv($"# Training vouchers benchmark: {(o.Provider == BenchProvider.Sqlite ? "SQLite" : "PostgreSQL")}, {run.Plan?.Vouchers ?? o.Vouchers:N0} vouchers"));
        md.AppendLine();
        md.AppendLine(Inv($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`"));
        md.AppendLine($"- Host build: {run.HostBuild}");
        md.AppendLine($"- Command: `{string.Join(' ', run.Command.Select(Quote))}`");
        md.AppendLine(Inv($"- Machine: {run.Machine.Cores} cores ({run.Machine.CpuModel}), {run.Machine.MemoryGb:0.0} GB RAM, {run.Machine.Os}, {run.Machine.Runtime}"));
        md.AppendLine($"- Database: {run.Database}");
        foreach (var fact in run.ServerFacts)
        {
            md.AppendLine($"  - {fact}");
        }

        md.AppendLine("- Host: the Release build of `src/Host`, started with `dotnet Platform.Host.dll` on 127.0.0.1, `ASPNETCORE_ENVIRONMENT=Production`, throw-away keys, rate limiting off; requests carry an HS256 bench token (role `integrator`, region `*`).");
        md.AppendLine("- Load average before each phase (1 min / 5 min): "
            + string.Join("; ", run.Loads.Select(l => Inv($"{l.Phase} {l.Load1:0.00} / {l.Load5:0.00}"))));
        md.AppendLine();

        md.AppendLine("## Figures against the aims");
        md.AppendLine();
        md.AppendLine("| Figure | Result | Aim | Met |");
        md.AppendLine("| --- | --- | --- | --- |");
        if (run.Generator is { } generator)
        {
            md.AppendLine(Inv($"| Generator | {generator.VouchersPerSecond:N0} vouchers/s ({generator.RowsPerSecond:N0} rows/s with claims and batches) | — | |"));
        }

        if (run.Search is { } search)
        {
            md.AppendLine(Inv($"| Search latency p50 / p95 / p99 ({search.Overall.Count:N0} sequential requests) | {search.Overall.P50:0.0} / {search.Overall.P95:0.0} / {search.Overall.P99:0.0} ms | p99 < {SearchP99AimMs:0} ms | {Mark(search.Overall.P99 < SearchP99AimMs)} |"));
            var slowest = search.Mixes.MaxBy(m => m.Latency.P99);
            if (slowest is not null)
            {
                md.AppendLine(Inv($"| Slowest filter mix: {slowest.Name} (p99) | {slowest.Latency.P99:0.0} ms | p99 < {SearchP99AimMs:0} ms | {Mark(slowest.Latency.P99 < SearchP99AimMs)} |"));
            }
        }

        if (run.Statistics is { Count: > 0 } statistics)
        {
            var worstCold = statistics.MaxBy(s => s.ColdMilliseconds)!;
            var worstWarm = statistics.MaxBy(s => s.WarmMedianMilliseconds)!;
            md.AppendLine(Inv($"| Statistics 2025, slowest city, cold | {worstCold.ColdMilliseconds:N0} ms ({worstCold.Name}) | < {StatisticsAimMs:N0} ms | {Mark(worstCold.ColdMilliseconds < StatisticsAimMs)} |"));
            md.AppendLine(Inv($"| Statistics 2025, slowest city, warm median | {worstWarm.WarmMedianMilliseconds:N0} ms ({worstWarm.Name}) | < {StatisticsAimMs:N0} ms | {Mark(worstWarm.WarmMedianMilliseconds < StatisticsAimMs)} |"));
        }

        if (run.Issue is { } issue)
        {
            var aim = o.Provider == BenchProvider.Sqlite ? Inv($"≥ {IssueAimPerSecond:N0}/s") : Inv($"— (SQLite aim ≥ {IssueAimPerSecond:N0}/s)");
            var met = o.Provider == BenchProvider.Sqlite ? Mark(issue.CreatedPerSecond >= IssueAimPerSecond) : "";
            md.AppendLine(Inv($"| Issue throughput ({issue.Concurrency} workers) | {issue.CreatedPerSecond:N0} issues/s, p50 {issue.Latency.P50:0} ms, p99 {issue.Latency.P99:0} ms | {aim} | {met} |"));
            var failures = issue.Failures.Values.Sum();
            md.AppendLine(Inv($"| Issue answers other than 201 | {failures:N0} | 0 (a few 409s only if explained) | {Mark(failures == 0)} |"));
        }

        md.AppendLine();
        RenderData(md, run);
        RenderSearch(md, run);
        RenderStatistics(md, run);
        RenderIssue(md, run);
        RenderPlans(md, run);
        if (run.Notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (var note in run.Notes)
            {
                md.AppendLine($"- {note}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    private static void RenderData(StringBuilder md, VoucherRun run)
    {
        md.AppendLine("## Data");
        md.AppendLine();
        if (run.Reused)
        {
            md.AppendLine("Reused a folder a `--keep` run left: no setup, no generation in this run (earlier issue runs have added their vouchers).");
            md.AppendLine();
        }

        if (run.SetupTime is { } setup)
        {
            md.AppendLine(Inv($"Setup: the host started once on an empty {(run.Options.Provider == BenchProvider.Sqlite ? "data folder" : "database")}, migrated and seeded the sample reference data, and was ready after {setup.TotalSeconds:0.0} s; then it was stopped."));
            md.AppendLine();
        }

        if (run.Plan is { } plan)
        {
            md.AppendLine(Inv($"{plan.Vouchers:N0} vouchers issued {plan.FirstDay:yyyy-MM-dd} … {plan.LastDay:yyyy-MM-dd} (statuses as of {plan.LastDay:yyyy-MM-dd}; unused vouchers expired when their last day was before {plan.ChinaToday:yyyy-MM-dd}, today in China) to {plan.HoldersUsed:N0} distinct holders (of {plan.People:N0} generated), {Percent(plan.MigrantWorkerVouchers, plan.Vouchers)} of the vouchers to migrant workers. Holders drawn at random; {plan.Redraws:N0} draws were refused by the issuing rules (yearly quota of 3, an open voucher for the same occupation and level, already passed) and drawn again."));
            md.AppendLine();
            md.AppendLine("| Status | Vouchers | Share |");
            md.AppendLine("| --- | ---: | ---: |");
            foreach (var (status, count) in plan.ByStatus.Where(s => s.Value > 0))
            {
                md.AppendLine(Inv($"| {status} | {count:N0} | {Percent(count, plan.Vouchers)} |"));
            }

            md.AppendLine();
            md.AppendLine(Inv($"Assessed: {plan.Passed:N0} passed (each with a unique certificate number), {plan.Failed:N0} failed. By city: ")
                + string.Join(", ", plan.ByCity.Select(c => Inv($"{c.Key} {Percent(c.Value, plan.Vouchers)}"))) + ".");
            md.AppendLine();
        }

        if (run.Generator is { } g)
        {
            md.AppendLine("| Generator | |");
            md.AppendLine("| --- | --- |");
            md.AppendLine(Inv($"| Rows written | {g.Vouchers:N0} vouchers, {g.Claims:N0} settlement claims, {g.PaymentBatches:N0} payment batches |"));
            md.AppendLine(Inv($"| Planning (in memory) | {g.Planning.TotalSeconds:0.0} s |"));
            md.AppendLine(Inv($"| Writing ({g.BatchSize:N0} vouchers per SaveChanges) | {g.Writing.TotalSeconds:0.0} s: **{g.VouchersPerSecond:N0} vouchers/s**, {g.RowsPerSecond:N0} rows/s |"));
            md.AppendLine(Inv($"| Overall | {g.VouchersPerSecondOverall:N0} vouchers/s |"));
            md.AppendLine($"| After the load | {g.AfterLoad} |");
            md.AppendLine($"| Size | {g.Size} |");
            md.AppendLine();
        }
        else if (run.Size is not null)
        {
            md.AppendLine($"Size: {run.Size}");
            md.AppendLine();
        }

        if (run.ReadyTime is { } ready)
        {
            md.AppendLine(Inv($"The host restarted on the data and was ready after {ready.TotalSeconds:0.0} s."));
            md.AppendLine();
        }
    }

    private static void RenderSearch(StringBuilder md, VoucherRun run)
    {
        if (run.Search is not { } search)
        {
            return;
        }

        md.AppendLine("## Search latency");
        md.AppendLine();
        md.AppendLine(Inv($"`POST /api/training-vouchers/vouchers/search`, one kept-alive connection, sequential, default page size 50; {search.WarmUp} warm-up requests, then {search.Overall.Count:N0} measured in {search.Elapsed.TotalSeconds:0} s, cycling through the mixes below (filters drawn at random from the generated data). Time from sending to the last byte of the answer."));
        if (search.BudgetExceeded)
        {
            md.AppendLine();
            md.AppendLine(Inv($"**Stopped early:** the search budget ({run.Options.SearchBudgetSeconds} s) ran out."));
        }

        md.AppendLine();
        md.AppendLine("| Filter mix | Requests | p50 ms | p95 ms | p99 ms | max ms | items/page | slowest request |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var mix in search.Mixes)
        {
            var l = mix.Latency;
            md.AppendLine(Inv($"| {mix.Name} | {l.Count:N0} | {l.P50:0.0} | {l.P95:0.0} | {l.P99:0.0} | {l.Max:0.0} | {mix.AverageItems:0.0} | {mix.Slowest.Describe()} |"));
        }

        var o = search.Overall;
        md.AppendLine(Inv($"| **all** | {o.Count:N0} | {o.P50:0.0} | {o.P95:0.0} | {o.P99:0.0} | {o.Max:0.0} | | |"));
        md.AppendLine();
        if (search.Cpu is { } cpu)
        {
            md.AppendLine(Cpu(cpu, "search window"));
            md.AppendLine();
        }

        if (search.Errors.Count > 0)
        {
            md.AppendLine("Answers other than 200: " + string.Join(", ", search.Errors.Select(e => $"{e.Value} × {e.Key}")) + $". First: {search.FirstError}");
            md.AppendLine();
        }
    }

    private static void RenderStatistics(StringBuilder md, VoucherRun run)
    {
        if (run.Statistics is not { } statistics)
        {
            return;
        }

        md.AppendLine("## Statistics");
        md.AppendLine();
        md.AppendLine(Inv($"`GET /api/training-vouchers/statistics?regionCode=<city>&from=2025-01-01&to=2025-12-31`, per city: the first call (cold: the host has served searches but no statistics yet, so the first city also pays for compiling the queries) and the median of {run.Options.StatisticsWarmCalls} more."));
        md.AppendLine();
        md.AppendLine("| City | Vouchers issued in 2025 | Completed in 2025 | Cold ms | Warm median ms | Warm max ms |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in statistics)
        {
            md.AppendLine(Inv($"| {s.Name} ({s.Code}) | {s.Issued:N0} | {s.Completed:N0} | {s.ColdMilliseconds:N0} | {s.WarmMedianMilliseconds:N0} | {s.WarmMaxMilliseconds:N0} |")
                + (s.Error is null ? "" : $" error: {s.Error}"));
        }

        md.AppendLine();
    }

    private static void RenderIssue(StringBuilder md, VoucherRun run)
    {
        if (run.Issue is not { } issue)
        {
            return;
        }

        md.AppendLine("## Issue throughput");
        md.AppendLine();
        md.AppendLine(Inv($"`POST /api/training-vouchers/vouchers` with a new `Idempotency-Key` each, closed loop: {issue.Concurrency} workers, each sending its next request when the previous answer is read; {issue.WarmUpSeconds} s warm-up, then {issue.DurationSeconds} s measured. Every request is a new eligible person (valid identity number registered in a county of the five cities, aged 20–50, migrant worker with evidence), a random county of the five cities and an occupation and level with a standard."));
        md.AppendLine();
        md.AppendLine(Inv($"- **{issue.CreatedPerSecond:N0} issues/s** ({issue.Created:N0} × 201 in {issue.DurationSeconds} s); latency of the 201s p50 {issue.Latency.P50:0.0} ms, p95 {issue.Latency.P95:0.0} ms, p99 {issue.Latency.P99:0.0} ms, max {issue.Latency.Max:0} ms."));
        if (issue.Failures.Count == 0)
        {
            md.AppendLine("- Every answer in the window was 201.");
        }
        else
        {
            md.AppendLine("- Other answers in the window: " + string.Join(", ", issue.Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Value:N0} × `{f.Key}`")) + ".");
            md.AppendLine($"- First: {issue.FirstFailure}");
        }

        if (issue.Cpu is { } cpu)
        {
            md.AppendLine("- " + Cpu(cpu, "issue window"));
        }

        md.AppendLine("- 201s completed per second from the start of the warm-up: " + string.Join(" ", issue.PerSecond.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        md.AppendLine();
    }

    private static void RenderPlans(StringBuilder md, VoucherRun run)
    {
        if (run.Plans.Count == 0)
        {
            return;
        }

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("The handlers' LINQ rebuilt on a context of the bench (same model, provider and SQL), after the HTTP measurements. \"Database alone\" is the fastest of three runs of the bare query from the bench process.");
        md.AppendLine();
        foreach (var plan in run.Plans)
        {
            md.AppendLine(Inv($"### {plan.Title}: database alone {plan.DatabaseMilliseconds:0.0} ms"));
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

    private static string Cpu(CpuUse cpu, string window) =>
        Inv($"CPU over the {window} ({cpu.Cores} cores): host {cpu.ServerCores:0.00} cores ({cpu.ServerMicrosecondsPerAnswer:N0} µs per answer), bench client {cpu.ClientCores:0.00}, everything else on the machine {cpu.OtherCores:0.00} (includes PostgreSQL's own processes when it is the database).");

    public static bool AllMet(VoucherRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return (run.Search is null || run.Search.Overall.P99 < SearchP99AimMs)
            && (run.Statistics is null || run.Statistics.All(s => s.ColdMilliseconds < StatisticsAimMs && s.WarmMedianMilliseconds < StatisticsAimMs))
            && (run.Issue is null || run.Options.Provider != BenchProvider.Sqlite || run.Issue.CreatedPerSecond >= IssueAimPerSecond);
    }

    private static string Mark(bool met) => met ? "yes" : "**no**";

    private static string Percent(int part, int whole) => whole == 0 ? "0 %" : Inv($"{part * 100.0 / whole:0.0} %");

    private static string Quote(string argument) =>
        argument.Length == 0 || argument.Any(c => char.IsWhiteSpace(c) || c is ';' or '\'' or '"' or '&' or '|' or '*')
            ? "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'"
            : argument;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
