using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Bench.Insights;

/// <summary>Everything one run found, for the report.</summary>
internal sealed class InsightsRun
{
    public required InsightsBenchOptions Options { get; init; }

    public required string Command { get; init; }

    public required string Commit { get; init; }

    public required DateOnly Today { get; init; }

    public required string HostBuilt { get; init; }

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>The counted events the progress was measured on (loaded now, or by the run whose data is reused).</summary>
    public long Events { get; set; }

    public List<string> Facts { get; } = [];

    public List<(string Phase, double Load)> Loads { get; } = [];

    public string? ProgressDatabase { get; set; }

    public List<string> DataLines { get; } = [];

    public LoadResult? Load { get; set; }

    public string? Size { get; set; }

    public TimeSpan? SetupTime { get; set; }

    public TimeSpan? ReadyTime { get; set; }

    public List<string> SeededTargets { get; } = [];

    public int BenchTargets { get; set; }

    public int BenchTargetsCreated { get; set; }

    public List<ProgressCall> Calls { get; } = [];

    public List<Redefinition> Redefinitions { get; } = [];

    /// <summary>Sichuan's progress 2021–2025 after the redefinitions (restored to the seeded measure), checked against the tallies.</summary>
    public ProgressCall? AfterRedefinitions { get; set; }

    public List<QueryPlan> Plans { get; } = [];

    public List<CatchUpResult> CatchUps { get; } = [];

    public void Phase(string phase)
    {
        if (MachineLoad.LoadAverage() is { } load)
        {
            Loads.Add((phase, load));
        }
    }
}

/// <summary>The Markdown report: aims, data, progress and comparison, the catch-ups with their relay profiles, the plans.</summary>
internal static class InsightsReport
{
    public const double ProgressAimMs = 200;
    public const double CatchUpAimSeconds = 60;

    public static string Render(InsightsRun run)
    {
        var md = new StringBuilder();
        var o = run.Options;
        md.AppendLine(F($"# Insights benchmark: {(o.Postgres ? "PostgreSQL" : "SQLite")}, {run.Events:N0} counted events, catch-up of {o.Outbox:N0} outbox events"));
        md.AppendLine();
        md.AppendLine(F($"- Run: {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit `{run.Commit}`; today in China {run.Today:yyyy-MM-dd}"));
        md.AppendLine($"- Command: `{run.Command}`");
        md.AppendLine($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
        md.AppendLine($"- Host: the Release build of `src/Host` ({run.HostBuilt}; `ASPNETCORE_ENVIRONMENT=Production`, 127.0.0.1, throw-away keys, rate limiting off), requests with HS256 bench tokens.");
        foreach (var fact in run.Facts)
        {
            md.AppendLine($"- {fact}");
        }

        md.AppendLine($"- 1-minute load average before each phase: {string.Join("; ", run.Loads.Select(l => F($"{l.Phase} {l.Load:0.00}")))}");
        md.AppendLine();
        RenderAims(md, run);
        RenderData(md, run);
        RenderProgress(md, run);
        RenderRedefinitions(md, run);
        RenderCatchUps(md, run);
        RenderPlans(md, run);
        return md.ToString();
    }

    private static void RenderAims(StringBuilder md, InsightsRun run)
    {
        md.AppendLine("## Aims (issue 8, item 8)");
        md.AppendLine();
        md.AppendLine(run.Options.Postgres ? "| Figure | Result | Aim | Met (aims are for SQLite) |" : "| Figure | Result | Aim | Met |");
        md.AppendLine("| --- | --- | --- | --- |");
        void Row(string figure, string result, string aim, bool met) => md.AppendLine($"| {figure} | {result} | {aim} | {(met ? "yes" : "**no**")} |");
        var provinces = run.Calls.Where(c => c.Error is null && (c.Path.Contains("=510000", StringComparison.Ordinal) || c.Path.Contains("=500000", StringComparison.Ordinal))).ToArray();
        if (provinces.Length > 0)
        {
            var warm = provinces.MaxBy(c => c.Warm.P50)!;
            var p99 = provinces.MaxBy(c => c.Warm.P99)!;
            var events = run.Events;
            Row(F($"Province progress / comparison at {events:N0} events, slowest warm p50"), F($"{warm.Warm.P50:0.0} ms ({warm.Label})"), F($"< {ProgressAimMs:0} ms"), warm.Warm.P50 < ProgressAimMs);
            Row("… slowest warm p99", F($"{p99.Warm.P99:0.0} ms ({p99.Label})"), F($"< {ProgressAimMs:0} ms"), p99.Warm.P99 < ProgressAimMs);
            var opening = run.Calls[0];
            Row("… the host's first request after its start (JIT of the pipeline included)", F($"{opening.FirstMilliseconds:0.0} ms ({opening.Label})"), F($"< {ProgressAimMs:0} ms"), opening.FirstMilliseconds < ProgressAimMs);
            if (provinces.Where(c => !ReferenceEquals(c, opening)).MaxBy(c => c.FirstMilliseconds) is { } first)
            {
                Row("… slowest first call of the other requests", F($"{first.FirstMilliseconds:0.0} ms ({first.Label})"), F($"< {ProgressAimMs:0} ms"), first.FirstMilliseconds < ProgressAimMs);
            }

            var wrong = run.Calls.Sum(c => c.Mismatches);
            Row("Actuals equal to the generated events", wrong == 0 ? "all checked rows" : F($"{wrong} mismatches"), "all", wrong == 0);
        }

        foreach (var catchUp in run.CatchUps)
        {
            var scale = catchUp.Messages >= 1_000_000 ? "" : F($" (aim scaled from 1,000,000: < {CatchUpAimSeconds * catchUp.Messages / 1_000_000.0:0.0} s)");
            var aim = CatchUpAimSeconds * Math.Min(1.0, catchUp.Messages / 1_000_000.0);
            if (catchUp.AllDelivered is { } all)
            {
                var working = all.TotalSeconds - (catchUp.FirstDelivered?.TotalSeconds ?? 0);
                var extrapolated = catchUp.Messages >= 1_000_000 ? "" : F($"; 1,000,000 at this rate: about {(all.TotalSeconds - working) + (working * 1_000_000 / catchUp.Messages):N0} s, more as the tables grow");
                Row(F($"Catch-up of {catchUp.Messages:N0} outbox events, `ConsumerBatchSize` {catchUp.ConsumerBatchSize:N0}"), F($"{all.TotalSeconds:0.0} s from the host's start ({catchUp.Messages / all.TotalSeconds:N0}/s){scale}{extrapolated}"), F($"< {aim:0.#} s"), all.TotalSeconds < aim && catchUp.Mismatches == 0);
            }
            else
            {
                var handled = catchUp.Timeline.Count == 0 ? 0 : catchUp.Timeline[^1].Handled;
                var rate = handled / Math.Max(0.001, catchUp.Waited.TotalSeconds);
                Row(F($"Catch-up of {catchUp.Messages:N0} outbox events, `ConsumerBatchSize` {catchUp.ConsumerBatchSize:N0}"), F($"not done: {handled:N0} in {catchUp.Waited.TotalSeconds:0} s ({rate:N0}/s; all at that rate: {catchUp.Messages / Math.Max(0.001, rate):N0} s)"), F($"< {aim:0.#} s"), false);
            }
        }

        md.AppendLine();
    }

    private static void RenderData(StringBuilder md, InsightsRun run)
    {
        if (run.ProgressDatabase is null)
        {
            return;
        }

        md.AppendLine("## Progress data");
        md.AppendLine();
        md.AppendLine($"Database: {run.ProgressDatabase}.");
        md.AppendLine();
        if (run.SetupTime is { } setup)
        {
            md.AppendLine(F($"Setup: the host started on an empty database, migrated it and seeded the indicators and targets, ready after {setup.TotalSeconds:0.0} s, then stopped."));
            md.AppendLine();
        }

        foreach (var line in run.DataLines)
        {
            md.AppendLine(line);
        }

        if (run.Load is { } load)
        {
            md.AppendLine();
            md.AppendLine("| Load | |");
            md.AppendLine("| --- | --- |");
            md.AppendLine(F($"| Rows | {load.Events:N0} counted_events, {load.Counters:N0} counters ({string.Join(", ", load.CountersByIndicator.OrderByDescending(c => c.Value).Select(c => F($"{c.Key} {c.Value:N0}")))}) |"));
            md.AppendLine($"| Method | {load.Method} |");
            md.AppendLine(F($"| Generating the events (contracts' records, blind indexes, `EventFacts.From`) | {load.Generating.TotalSeconds:0.0} s (a thread of its own, ahead of the inserts) |"));
            md.AppendLine(F($"| Counting them (`CounterDeltas`, one per indicator, streamed) | {load.Counting.TotalSeconds:0.0} s (same thread) |"));
            md.AppendLine(F($"| Inserting | {load.Inserting.TotalSeconds:0.0} s, {(load.Events + load.Counters) / Math.Max(0.001, load.Inserting.TotalSeconds):N0} rows/s |"));
            md.AppendLine(F($"| Rebuilding the secondary indexes | {load.Indexing.TotalSeconds:0.0} s |"));
            md.AppendLine(F($"| Whole load | {load.Elapsed.TotalSeconds:0.0} s; bench process working set at most {load.PeakWorkingSetMb:N0} MB |"));
            md.AppendLine($"| After the load | {load.AfterLoad} |");
        }

        md.AppendLine();
        md.AppendLine($"Size: {run.Size}");
        md.AppendLine();
        if (run.SeededTargets.Count > 0)
        {
            md.AppendLine($"Targets seeded by the host: {string.Join("; ", run.SeededTargets)}.");
            md.AppendLine();
        }

        md.AppendLine(F($"No seed document sets targets for Sichuan (510000), so the bench set {run.BenchTargets} as a reviewer of the province through `POST /api/insights/targets` ({run.BenchTargetsCreated} created, the others were there): every seeded indicator for 2021–2025 and 2026–2030, about 10 % above what the generated data reaches (returnee founders cumulative on a baseline of 50,000; the parks, which the platform does not record, 100)."));
        if (run.ReadyTime is { } ready)
        {
            md.AppendLine();
            md.AppendLine(F($"The host restarted on the data and was ready after {ready.TotalSeconds:0.0} s."));
        }

        md.AppendLine();
    }

    private static void RenderProgress(StringBuilder md, InsightsRun run)
    {
        if (run.Calls.Count == 0)
        {
            return;
        }

        md.AppendLine("## Progress and comparison");
        md.AppendLine();
        md.AppendLine(F($"`GET /api/insights/…` on one kept-alive connection, as an operator of the province (Sichuan 510000 for Sichuan and Leshan, Chongqing 500000 for Chongqing): the first call (after the host started for the first row, after the previous request for the others), then {run.Options.WarmCalls} warm calls; time from sending to the last byte. Each first answer is checked row by row against the generator's own tallies (the events of the period up to today, plus a cumulative target's baseline)."));
        md.AppendLine();
        md.AppendLine("| Request | Caller | First ms | Warm p50 ms | p95 | p99 | max | Answer | Checked |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var c in run.Calls)
        {
            md.AppendLine(F($"| {c.Label}<br>`{c.Path}` | {c.Caller} | {c.FirstMilliseconds:0.0} | {c.Warm.P50:0.0} | {c.Warm.P95:0.0} | {c.Warm.P99:0.0} | {c.Warm.Max:0.0} | {c.Facts}{(c.Error is null ? "" : " **error:** " + c.Error)} | {(c.Checks.Count == 0 ? "—" : c.Mismatches == 0 ? F($"{c.Checks.Count} rows equal") : F($"**{c.Mismatches} wrong**"))} |"));
        }

        md.AppendLine();
        foreach (var c in run.Calls.Where(c => c.Checks.Count > 0))
        {
            md.AppendLine($"<details><summary>{c.Label}: the rows checked</summary>");
            md.AppendLine();
            foreach (var check in c.Checks)
            {
                md.AppendLine($"- {check}");
            }

            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }
    }

    private static void RenderRedefinitions(StringBuilder md, InsightsRun run)
    {
        if (run.Redefinitions.Count == 0)
        {
            return;
        }

        md.AppendLine("## Redefining an indicator");
        md.AppendLine();
        md.AppendLine(F($"`PUT /api/insights/indicators/{run.Redefinitions[0].Indicator}` as an administrator, after the measurements on the same host: to another measure and back to the seeded one. Each answer comes after the indicator's counters were deleted and rebuilt from every kept event of its name, in one transaction that counting takes turns with (the relay's batches wait for it)."));
        md.AppendLine();
        md.AppendLine("| Measure | Status | Events recounted | Time |");
        md.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var r in run.Redefinitions)
        {
            md.AppendLine(F($"| {r.Measure} | {r.Status} | {r.EventsRecounted:N0} | {r.Milliseconds / 1000:0.0} s |"));
        }

        if (run.AfterRedefinitions is { } after)
        {
            md.AppendLine();
            md.AppendLine(F($"Then `{after.Path}`: {after.Facts}; {(after.Mismatches == 0 ? F($"{after.Checks.Count} rows equal to the tallies") : F($"**{after.Mismatches} wrong**"))}{(after.Error is null ? "" : " **error:** " + after.Error)}."));
        }

        md.AppendLine();
    }

    private static void RenderCatchUps(StringBuilder md, InsightsRun run)
    {
        if (run.CatchUps.Count == 0)
        {
            return;
        }

        md.AppendLine("## Catch-up of an outbox backlog");
        md.AppendLine();
        var first = run.CatchUps[0];
        md.AppendLine(F($"Per `ConsumerBatchSize`, on a database of its own: the host started once (migrations, seeding) and stopped; {first.Messages:N0} `TrainingCompleted` messages (completed over the last {run.Options.OutboxDays} days in the counties of both provinces, vouchers drawn as for the progress data, payloads serialized with `IntegrationEventSerializer`) written into the training vouchers outbox as the outbox interceptor writes a publish: a message row and one `Pending` delivery per consumer ({(first.BothConsumers ? "`insights.training_completed` and `veteran_employment.training_completed`" : "only `insights.training_completed`; the host's other consumer of the event, `veteran_employment.training_completed`, gets none, so Insights is measured alone")}). Then {run.Options.ProfileBatches} relay passes in the bench process (profiled, below), then the host started with `Outbox__ConsumerBatchSize`; the clock runs from the host's process start until every Insights delivery is `Delivered` (counted events polled every 0.5 s, then the deliveries counted with SQL)."));
        md.AppendLine();
        md.AppendLine("| ConsumerBatchSize | Backlog | Written in | Ready after | First handled | All delivered | Rate | Per batch | Host CPU | Host peak RSS | Checks |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var c in run.CatchUps)
        {
            var handled = c.Timeline.Count == 0 ? 0 : c.Timeline[^1].Handled;
            var seconds = c.AllDelivered?.TotalSeconds ?? c.Waited.TotalSeconds;
            var working = seconds - (c.FirstDelivered?.TotalSeconds ?? 0);
            var batches = Math.Ceiling(handled / (double)c.ConsumerBatchSize);
            md.AppendLine(F($"| {c.ConsumerBatchSize:N0} | {c.Messages:N0} | {c.InsertTime.TotalSeconds:0.0} s | {(c.Ready is { } r ? F($"{r.TotalSeconds:0.0} s") : "—")} | {(c.FirstDelivered is { } f ? F($"{f.TotalSeconds:0.0} s") : "—")} | {(c.AllDelivered is { } a ? F($"**{a.TotalSeconds:0.0} s**") : "**not done**: " + c.Error)} | {handled / Math.Max(0.001, seconds):N0}/s | {working * 1000 / Math.Max(1, batches):N0} ms | {c.HostCpuSeconds:0.0} s | {c.HostPeakMb:N0} MB | {(c.Mismatches == 0 ? "all pass" : F($"**{c.Mismatches} fail**"))} |"));
        }

        md.AppendLine();
        md.AppendLine("\"Per batch\": the time from the first handled delivery to the end, divided by the batches of `ConsumerBatchSize` it took (the relay hands the consumer one batch per pass).");
        md.AppendLine();
        foreach (var c in run.CatchUps)
        {
            md.AppendLine(F($"### ConsumerBatchSize {c.ConsumerBatchSize:N0}"));
            md.AppendLine();
            md.AppendLine($"{c.Database}; {c.Size}.");
            md.AppendLine();
            if (c.FirstDelivered is { } firstHandled && c.Timeline.Count > 1)
            {
                // Ten equal slices of the time from the first handled delivery to the end: does the rate fall as the tables grow?
                var end = c.Timeline[^1].Seconds;
                var slice = (end - firstHandled.TotalSeconds) / 10;
                long HandledAt(double seconds) => c.Timeline.LastOrDefault(t => t.Seconds <= seconds + 1e-9).Handled;
                var rates = Enumerable.Range(1, 10)
                    .Select(k => (HandledAt(firstHandled.TotalSeconds + (k * slice)) - HandledAt(firstHandled.TotalSeconds + ((k - 1) * slice))) / Math.Max(0.001, slice))
                    .ToArray();
                md.AppendLine(F($"Deliveries handled per second by the host in ten equal slices of the {end - firstHandled.TotalSeconds:0.0} s from the first handled delivery to the end (polled every 0.5 s): {string.Join(", ", rates.Select(r => F($"{r:N0}")))}."));
                md.AppendLine();
            }

            md.AppendLine("Checks after the host stopped:");
            md.AppendLine();
            foreach (var check in c.Checks)
            {
                md.AppendLine($"- {check}");
            }

            md.AppendLine();
            if (c.Pieces is { } pieces)
            {
                md.AppendLine(F($"The handler's own CPU work on one batch of {pieces.Events:N0} payloads, measured apart in the bench process (best of three): deserializing {pieces.DeserializeMilliseconds:0.0} ms, `EventFacts.From` {pieces.FactsMilliseconds:0.0} ms, `CounterDeltas.Add` for the three indicators counting trainings {pieces.DeltasMilliseconds:0.0} ms."));
                md.AppendLine();
            }

            foreach (var profile in new[] { c.StartProfile, c.EndProfile })
            {
                if (profile is null)
                {
                    continue;
                }

                RenderProfile(md, profile);
            }
        }
    }

    private static void RenderProfile(StringBuilder md, RelayProfile profile)
    {
        var passes = Math.Max(1, profile.Passes.Count);
        md.AppendLine(F($"Relay profile {profile.When} ({profile.PendingBefore:N0} deliveries pending): the host's `OutboxRelay.RunOnceAsync` in the bench process, {profile.Passes.Count} passes, {profile.Deliveries:N0} deliveries, {profile.WallMilliseconds:N0} ms ({profile.WallMilliseconds / passes:N0} ms a pass, {profile.Deliveries * 1000.0 / Math.Max(1, profile.WallMilliseconds):N0} deliveries/s; passes {string.Join(", ", profile.Passes.Select(p => F($"{p.Milliseconds:N0}")))} ms). SQL time is each command's, from executing it to disposing its reader; a command of several statements (EF batches them on PostgreSQL) is filed by its first:"));
        md.AppendLine();
        md.AppendLine("| What | Commands | ms | ms a pass | share | rows read / entities saved |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var step in profile.Steps)
        {
            md.AppendLine(F($"| {step.Category} | {step.Commands:N0} | {step.Milliseconds:N0} | {step.Milliseconds / passes:N1} | {step.Milliseconds * 100 / Math.Max(1, profile.WallMilliseconds):0.0} % | {(step.Rows == 0 ? "" : F($"{step.Rows:N0}"))} |"));
        }

        md.AppendLine(F($"| outside EF's commands: the handler's prepared SQLite statements (events, counters), JSON, `EventFacts`, `CounterDeltas`, EF's SQL generation, GC | | {profile.OtherMilliseconds:N0} | {profile.OtherMilliseconds / passes:N1} | {profile.OtherMilliseconds * 100 / Math.Max(1, profile.WallMilliseconds):0.0} % | |"));
        md.AppendLine();
    }

    private static void RenderPlans(StringBuilder md, InsightsRun run)
    {
        if (run.Plans.Count == 0)
        {
            return;
        }

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("The handlers' own code (`ProgressQueries.ReportAsync`, `.SumByRegionAsync`) on a context of the bench, after the measurements; per distinct SQL text: how often it ran, its time in all, and the best of three runs of its slowest instance alone.");
        md.AppendLine();
        foreach (var plan in run.Plans)
        {
            md.AppendLine(F($"### {plan.Title}: {plan.Executions}× in {plan.TotalMilliseconds:0.0} ms; alone {plan.AloneMilliseconds:0.0} ms"));
            md.AppendLine();
            md.AppendLine("```sql").AppendLine(plan.Sql.TrimEnd()).AppendLine("```").AppendLine();
            md.AppendLine("```").AppendLine(plan.Plan.TrimEnd()).AppendLine("```").AppendLine();
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
