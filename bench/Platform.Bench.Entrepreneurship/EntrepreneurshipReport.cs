using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Platform.Bench.Vouchers;

namespace Platform.Bench.Entrepreneurship;

/// <summary>How the load went. Generating and inserting overlap (the next batch is generated while one is written).</summary>
internal sealed record LoadResult(
    IReadOnlyDictionary<string, long> Rows, TimeSpan Planning, TimeSpan Generating, TimeSpan Inserting, TimeSpan Indexing, TimeSpan Elapsed, string Method, string AfterLoad)
{
    public long Total => Rows.Values.Sum();
}

/// <summary>Everything one run found, for the report.</summary>
internal sealed class EntrepreneurshipRun
{
    public required EntrepreneurshipBenchOptions Options { get; init; }

    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required string Database { get; init; }

    public required DateOnly Today { get; init; }

    public required BenchState State { get; set; }

    public required Bank Bank { get; init; }

    public required DateOnly ClaimMonth { get; init; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public List<string> Facts { get; } = [];

    public List<(string Phase, double Load)> Loads { get; } = [];

    public List<string> DataLines { get; } = [];

    public LoadResult? Load { get; set; }

    public string? Size { get; set; }

    public TimeSpan? SetupTime { get; set; }

    public TimeSpan? ReadyTime { get; set; }

    public IReadOnlyList<ClaimRun> Claims { get; set; } = [];

    public List<ClaimRun> OtherClaims { get; } = [];

    public ClaimReads? ClaimReads { get; set; }

    public MemoryReading? HostMemory { get; set; }

    public ClaimCompute? ClaimCompute { get; set; }

    public IReadOnlyList<StatisticsCall> Statistics { get; set; } = [];

    public IReadOnlyList<LoanReads> LoanReads { get; set; } = [];

    public CpuUse? LoanReadsCpu { get; set; }

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
internal static class EntrepreneurshipReport
{
    public const double ClaimAimMs = 10_000;
    public const double StatisticsAimMs = 1_000;

    public static string Render(EntrepreneurshipRun run)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var s = run.State;
        Line($"# Return-home entrepreneurship benchmark: {(run.Options.Postgres ? "PostgreSQL" : "SQLite")}, {s.Businesses:N0} businesses, {s.Loans:N0} loans, {s.BankLoans:N0} running loans of one bank");
        md.AppendLine();
        Line($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; today in China {run.Today:yyyy-MM-dd}, claim month {run.ClaimMonth:yyyy-MM}");
        Line($"- Command: `{run.Command}`");
        Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        Line($"- Database: {run.Database}");
        foreach (var fact in run.Facts)
        {
            Line($"  - {fact}");
        }

        Line($"- Host: the Release build of `src/Host` (`ASPNETCORE_ENVIRONMENT=Production`, 127.0.0.1, throw-away keys, rate limiting off). Requests carry HS256 bench tokens with role `{Callers.Role}` and the province of the region asked for (510000 or 500000).");
        Line($"- Benchmark bank: {run.Bank.Name}, credit code `{run.Bank.Code}`, its running loans in {s.BankRegion}.");
        Line($"- 1-minute load average before each phase: {string.Join("; ", run.Loads.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Phase} {l.Load:0.00}")))}");
        md.AppendLine();
        RenderAims(md, run);
        RenderData(md, run);
        RenderClaims(md, run);
        RenderStatistics(md, run);
        RenderLoanReads(md, run);
        RenderPlans(md, run);
        return md.ToString();
    }

    private static void RenderAims(StringBuilder md, EntrepreneurshipRun run)
    {
        md.AppendLine("## Aims");
        md.AppendLine();
        md.AppendLine(run.Options.Postgres ? "| Figure | Result | Aim | Met (aims are for SQLite) |" : "| Figure | Result | Aim | Met |");
        md.AppendLine("| --- | --- | --- | --- |");
        void Row(string figure, string result, string aim, bool met) => md.AppendLine($"| {figure} | {result} | {aim} | {(met ? "yes" : "**no**")} |");
        var made = run.Claims.Where(c => c.Status == 201).ToArray();
        if (made.Length > 0)
        {
            var median = LatencySummary.Of(made.Select(c => c.Milliseconds)).P50;
            Row(F($"Claim of the bank for {run.ClaimMonth:yyyy-MM} in {run.State.BankRegion}, median of {made.Length}"), F($"{median / 1000:0.00} s ({string.Join(", ", made.Select(c => F($"{c.Milliseconds / 1000:0.00}")))} s)"),
                F($"< {ClaimAimMs / 1000:0} s"), median < ClaimAimMs);
            var expected = run.State.ExpectedClaimLines;
            var month = run.State.ClaimMonth == run.ClaimMonth;
            Row("Claim lines", F($"{made[0].Lines:N0}{(month && expected >= 0 ? F($" (the data holds {expected:N0} such loans; {run.State.BankLoans:N0} running)") : "")}"), "= the bank's loans with a period due in the month",
                !month || expected < 0 || made[0].Lines == expected);
        }
        else if (run.Claims.Count > 0)
        {
            Row("Claim of the bank", run.Claims[0].Error ?? "failed", F($"< {ClaimAimMs / 1000:0} s"), false);
        }

        var fine = run.Statistics.Where(c => c.Error is null).ToArray();
        if (fine.Length > 0)
        {
            var p50 = fine.MaxBy(c => c.Warm.P50)!;
            var p99 = fine.MaxBy(c => c.Warm.P99)!;
            var first = fine.MaxBy(c => c.FirstMilliseconds)!;
            Row(F($"Statistics, slowest region, warm p50 ({run.Options.StatisticsRuns} calls)"), F($"{p50.Warm.P50:N0} ms ({p50.Region})"), F($"< {StatisticsAimMs:N0} ms"), p50.Warm.P50 < StatisticsAimMs);
            Row("Statistics, slowest region, warm p99", F($"{p99.Warm.P99:N0} ms ({p99.Region})"), F($"< {StatisticsAimMs:N0} ms"), p99.Warm.P99 < StatisticsAimMs);
            Row("Statistics, slowest region, first call", F($"{first.FirstMilliseconds:N0} ms ({first.Region})"), F($"< {StatisticsAimMs:N0} ms"), first.FirstMilliseconds < StatisticsAimMs);
        }

        foreach (var form in run.LoanReads.Where(f => f.Latency.Count > 0))
        {
            md.AppendLine(F($"| Loan reads, {form.Form}, p50 / p99 | {form.Latency.P50:0.0} / {form.Latency.P99:0.0} ms | — | |"));
        }

        md.AppendLine();
    }

    private static void RenderData(StringBuilder md, EntrepreneurshipRun run)
    {
        md.AppendLine("## Data");
        md.AppendLine();
        if (run.SetupTime is { } setup)
        {
            md.AppendLine(F($"Setup: the host started on an empty database, migrated it and seeded the sample loan rules (Sichuan and Chongqing from 2021-01-01), start-up subsidy standards and the one-year LPR since 2019, ready after {setup.TotalSeconds:0.0} s, then stopped."));
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
            md.AppendLine(F($"| Planning the loan histories | {load.Planning.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Generating rows (encrypting identity numbers, the loan arithmetic), in a thread of its own | {load.Generating.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Inserting | {load.Inserting.TotalSeconds:0.0} s, {load.Total / Math.Max(0.001, load.Inserting.TotalSeconds):N0} rows/s |"));
            md.AppendLine(F($"| Rebuilding the secondary indexes (and on PostgreSQL `VACUUM (ANALYZE)`) | {load.Indexing.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Whole load (planning, generating and inserting overlapped, indexes) | {load.Elapsed.TotalSeconds:0.0} s, {load.Total / Math.Max(0.001, load.Elapsed.TotalSeconds):N0} rows/s |"));
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

    private static void RenderClaims(StringBuilder md, EntrepreneurshipRun run)
    {
        if (run.Claims.Count == 0)
        {
            return;
        }

        md.AppendLine("## Monthly interest-subsidy claim");
        md.AppendLine();
        md.AppendLine(F($"`POST /api/return-home-entrepreneurship/subsidy-claims` with `{{\"bankCode\": \"{run.Bank.Code}\", \"month\": \"{run.ClaimMonth:yyyy-MM}\", \"regionCode\": \"{run.State.BankRegion}\"}}`, timed from sending to the last byte of the `201`. A claim is made once per bank, month and region, so its row is deleted with SQL before each further run; every run computes the same claim from the same data (loans, their repayments up to the month's end, the arithmetic of each, the gzip-compressed lines stored). Host CPU is the host process's user and system time over the request."));
        md.AppendLine();
        md.AppendLine("| Run | Status | Time | Lines | Overdue lines | Interest due (yuan) | Borrowers' share | Subsidy | Host CPU |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in run.Claims.Concat(run.OtherClaims))
        {
            md.AppendLine(c.Error is null
                ? F($"| {c.Label} ({c.Region}, {c.Month:yyyy-MM}) | {c.Status} | {c.Milliseconds / 1000:0.00} s | {c.Lines:N0} | {c.OverdueLoans:N0} | {c.InterestDue:N2} | {c.BorrowerShare:N2} | {c.Subsidy:N2} | {c.HostCpuSeconds:0.0} s |")
                : F($"| {c.Label} ({c.Region}, {c.Month:yyyy-MM}) | {c.Status} | {c.Milliseconds / 1000:0.00} s | | | | | | {c.HostCpuSeconds:0.0} s |"));
        }

        md.AppendLine();
        var made = run.Claims.Where(c => c.Status == 201).ToArray();
        if (made.Length > 0)
        {
            var times = LatencySummary.Of(made.Select(c => c.Milliseconds));
            var warm = made.Length > 1 ? LatencySummary.Of(made.Skip(1).Select(c => c.Milliseconds)) : null;
            md.AppendLine(F($"Median of the {made.Length} runs {times.P50 / 1000:0.00} s (min {made.Min(c => c.Milliseconds) / 1000:0.00} s, max {times.Max / 1000:0.00} s){(warm is null ? "" : F($"; without the first, median {warm.P50 / 1000:0.00} s"))}. Figures of every run identical: {(made.All(c => c.Lines == made[0].Lines && c.Subsidy == made[0].Subsidy && c.InterestDue == made[0].InterestDue) ? "yes" : "**no**")}; interest = borrowers' share + subsidy: {(made.All(c => c.InterestDue == c.BorrowerShare + c.Subsidy) ? "yes" : "**no**")}. Subsidy per line and month: {made[0].Subsidy / Math.Max(1, made[0].Lines):N2} yuan."));
            md.AppendLine();
        }

        if (run.ClaimReads is { } reads)
        {
            md.AppendLine(reads.Error is null
                ? F($"Reading the claim back: a page of 1,000 lines from the middle (`/lines?offset=…&limit=1000`) p50 {reads.LinesPage.P50:N0} ms, max {reads.LinesPage.Max:N0} ms (five calls; each decompresses and splits the whole claim); the CSV export (`/lines.csv`) {reads.CsvMilliseconds:N0} ms, {reads.CsvBytes / 1048576.0:0.0} MB, {reads.CsvLines:N0} lines.")
                : $"Reading the claim back failed: {reads.Error}");
            md.AppendLine();
        }

        if (run.HostMemory is { } memory)
        {
            md.AppendLine(F($"Host memory after the claims: VmRSS {memory.RssMb:N0} MB, peak (VmHWM) {memory.PeakRssMb:N0} MB."));
            md.AppendLine();
        }

        if (run.ClaimCompute is { } compute)
        {
            md.AppendLine(F($"The same computation in the bench process after the host stopped (`SubsidyClaims.ComputeAsync` on a context of the province's integrator): {compute.TotalMilliseconds / 1000:0.00} s for {compute.Lines:N0} lines, of which {compute.QueryMilliseconds / 1000:0.00} s in its two queries (reading {compute.Loans:N0} loans and {compute.Repayments:N0} repayments and materialising them) and {(compute.TotalMilliseconds - compute.QueryMilliseconds) / 1000:0.00} s in the arithmetic. The rest of the request's time is compressing and storing the lines."));
            md.AppendLine();
        }
    }

    private static void RenderStatistics(StringBuilder md, EntrepreneurshipRun run)
    {
        if (run.Statistics.Count == 0)
        {
            return;
        }

        md.AppendLine("## Statistics");
        md.AppendLine();
        md.AppendLine(F($"`GET /api/return-home-entrepreneurship/statistics?regionCode=<region>` (this year to today): the first call after the host started, then {run.Options.StatisticsRuns} more in a row."));
        md.AppendLine();
        md.AppendLine("| Region | First call ms | Warm p50 ms | Warm p99 ms | Warm max ms | Answer |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in run.Statistics)
        {
            md.AppendLine(F($"| {s.Region} | {s.FirstMilliseconds:N0} | {s.Warm.P50:N0} | {s.Warm.P99:N0} | {s.Warm.Max:N0} | {s.Facts}{(s.Error is null ? "" : " **error:** " + s.Error)} |"));
        }

        md.AppendLine();
    }

    private static void RenderLoanReads(StringBuilder md, EntrepreneurshipRun run)
    {
        if (run.LoanReads.Count == 0)
        {
            return;
        }

        md.AppendLine("## Loan reads");
        md.AppendLine();
        md.AppendLine(F($"Random paid-out loans (a sample of 5,000), alternately `GET /loans/{{id}}/schedule` and `GET /loans/{{id}}/interest-subsidy?from=<paid out>&to=<maturity>`, sequential on one kept-alive connection, {run.Options.LoanWarmUp} warm-up requests, then {run.Options.LoanReads} of each. Time from sending to the last byte."));
        md.AppendLine();
        md.AppendLine("| Form | Requests | p50 ms | p95 ms | p99 ms | max ms | periods per answer |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var f in run.LoanReads)
        {
            md.AppendLine(F($"| {f.Form} | {f.Latency.Count:N0} | {f.Latency.P50:0.0} | {f.Latency.P95:0.0} | {f.Latency.P99:0.0} | {f.Latency.Max:0.0} | {f.AveragePeriods:0.0} |"));
        }

        md.AppendLine();
        if (run.LoanReadsCpu is { } cpu)
        {
            md.AppendLine(F($"CPU over the measured window ({cpu.Cores} cores): host {cpu.ServerCores:0.00} cores ({cpu.ServerMicrosecondsPerAnswer:N0} µs per answer), bench client {cpu.ClientCores:0.00}, everything else {cpu.OtherCores:0.00}."));
            md.AppendLine();
        }

        foreach (var error in run.LoanReads.Select(f => f.FirstError).OfType<string>())
        {
            md.AppendLine($"**Answers other than 200** (first): {error}");
            md.AppendLine();
        }
    }

    private static void RenderPlans(StringBuilder md, EntrepreneurshipRun run)
    {
        if (run.Plans.Count == 0)
        {
            return;
        }

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("The handlers' own code (`EntrepreneurshipStatisticsQueries.FoundersAsync`, `.BusinessesAsync`, `.LoansAsync`, `SubsidyClaims.ComputeAsync`, `EntrepreneurshipAccess.LoanAsync`, `LoanStandings.PaymentsAsync`) on a context of the bench whose caller is the province's integrator: same model, provider, SQL and region filter as the host; an interceptor records each command. The time is the best of three calls of the method from the bench process (for the claim's queries: one call, from executing the command to closing its reader).");
        md.AppendLine();
        var flagged = run.Plans.Where(p => p.Concerns.Count > 0).ToArray();
        md.AppendLine(flagged.Length == 0 ? "No plan scans a whole table or sorts every match." : "Plans that read more than the answer needs:");
        md.AppendLine();
        foreach (var plan in flagged)
        {
            md.AppendLine(F($"- **{plan.Title}** ({plan.DatabaseMilliseconds:0.0} ms): {string.Join("; ", plan.Concerns)}"));
        }

        md.AppendLine();
        foreach (var plan in run.Plans)
        {
            md.AppendLine(F($"### {plan.Title}: {plan.DatabaseMilliseconds:0.0} ms"));
            md.AppendLine();
            md.Append(QueryPlans.Sql(plan));
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
