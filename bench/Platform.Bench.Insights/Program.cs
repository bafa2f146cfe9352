using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Platform.Bench;
using Platform.Bench.Insights;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.Insights.Persistence.Seeding;

// Insights benchmark (not a test): progress and regional comparison over counters built from --events counted events,
// through HTTP against the built host on 127.0.0.1, checked against the generated events; then the catch-up of an outbox
// backlog of --outbox TrainingCompleted events by the host's relay, with a profile of its passes. Progress to stderr, the
// Markdown report to stdout and bench/results/insights-<provider>.md. Exit codes: 0 done (aims met or not), 1 failed,
// 64 bad arguments, 130 interrupted.
InsightsBenchOptions options;
try
{
    options = InsightsBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(InsightsBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(InsightsBenchOptions.Usage);
    return 0;
}

using var interrupted = new CancellationTokenSource();
var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(signal => PosixSignalRegistration.Create(signal, context =>
{
    context.Cancel = true;
    if (!interrupted.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{context.Signal}: stopping the host, cleaning up and exiting.");
        interrupted.Cancel();
    }
})).ToArray();
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.KillAll();

var clock = Stopwatch.StartNew();
void Progress(string message) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {message}"));

var cancellationToken = interrupted.Token;
var created = new List<InsightsDatabase>();
string? work = null;
try
{
    var repo = RepositoryRoot(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", $"insights-{options.ProviderName}.md"));
    var today = Platform.BuildingBlocks.Time.ChinaCalendar.DayOf(DateTimeOffset.UtcNow);
    if (!File.Exists(hostDll))
    {
        throw new BenchFailureException($"{hostDll} does not exist: build the host in Release (bash bench/insights.sh builds it).");
    }

    work = Path.GetFullPath(options.Reuse ?? options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "platform-bench-insights-" + Guid.NewGuid().ToString("N")[..8]));
    if (options.Reuse is null && Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any())
    {
        throw new BenchFailureException($"--work-dir {work} is not empty; the benchmark needs a fresh folder.");
    }

    Directory.CreateDirectory(work);
    var run = new InsightsRun
    {
        Options = options,
        Command = string.Join(' ', new[] { "bash", "bench/insights.sh" }.Concat(args).Select(QuoteArgument)),
        Commit = Git(repo, "describe", "--always", "--dirty=+uncommitted") ?? "unknown",
        Today = today,
        HostBuilt = HostBuilt(repo, hostDll),
    };
    Progress($"work folder {work}; host {hostDll}");
    var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);
    var regions = RegionCatalog.LoadEmbedded();
    var names = regions.All.ToDictionary(r => r.Code, r => r.NameEn ?? r.Name, StringComparer.Ordinal);

    InsightsBenchState state;
    var progressFolder = Path.Combine(work, "progress");
    if (options.Reuse is not null || options.Events > 0)
    {
        // 1. Progress at scale.
        InsightsDatabase database;
        Expected expected;
        if (options.Reuse is not null)
        {
            state = InsightsBenchState.Load(progressFolder);
            if (state.Provider != options.ProviderName)
            {
                throw new BenchFailureException($"--reuse {work} holds {state.Provider} data; pass --provider {state.Provider}.");
            }

            database = InsightsDatabase.Attach(options, progressFolder, state);
            expected = Expected.Load(progressFolder);
            run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"Reused the data a `--keep` run left on {state.GeneratedOn:yyyy-MM-dd} ({state.Events:N0} events, seed {state.Seed}): no setup, no load in this run."));
        }
        else
        {
            database = await InsightsDatabase.CreateAsync(options, progressFolder, "p", cancellationToken);
            created.Add(database);
            state = InsightsBenchState.Fresh(options, database.PostgresDatabase, today);
            state.Save(progressFolder);
            expected = new Expected();
        }

        run.ProgressDatabase = database.Description;
        run.Events = state.Events;
        var spec = new AppSpec("host", hostDll, "/health/ready", new Dictionary<string, string>(database.HostEnvironment.Concat(state.KeyEnvironment), StringComparer.Ordinal));
        if (options.Reuse is null)
        {
            run.Phase("setup");
            Progress("setup: starting the host on the empty database");
            await using (var setup = ServerProcess.Start(options.DotnetPath, spec))
            {
                run.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
                await setup.StopAsync(TimeSpan.FromSeconds(15));
            }
        }

        await using (var db = database.Insights())
        {
            var indicators = await db.Indicators.AsNoTracking().OrderBy(i => i.Code).ToListAsync(cancellationToken);
            var seeded = await db.Targets.AsNoTracking().Where(t => t.IsSeeded).OrderBy(t => t.RegionCode).ThenBy(t => t.IndicatorCode).ToListAsync(cancellationToken);
            if (indicators.Count == 0)
            {
                throw new BenchFailureException("No indicators in the Insights database: did the setup start seed them?");
            }

            run.SeededTargets.AddRange(seeded.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.RegionCode} {t.IndicatorCode} {t.FromYear}–{t.ToYear} {t.Value:N0}")));
            if (options.Reuse is null)
            {
                run.Phase("load");
                var geography = new Geography(regions, state.Seed);
                var facts = new GenerationFacts();
                var generator = new EventGenerator(new EventCalendar(new DateOnly(2021, 1, 1), today), geography, new People(state.Protector(), geography.Counties), state.Seed, expected, facts);
                run.Load = await ProgressLoad.RunAsync(database, generator, indicators, options, Progress, cancellationToken);
                expected.Save(progressFolder);
                Describe(run, facts, generator, indicators, names);
            }

            run.Size = await database.SizeAsync([(InsightsDatabase.InsightsSchema, ["counted_events", "counters"])], cancellationToken);
            run.Facts.Add("Progress database: " + await database.FactsAsync(cancellationToken));
            Progress($"data: {run.Size}");

            // Sichuan has no seeded target: the bench sets some as a reviewer of the province, on a first start.
            var targets = ProgressMeasurements.SichuanTargets(indicators, expected);
            run.BenchTargets = targets.Count;
            await using (var first = ServerProcess.Start(options.DotnetPath, spec))
            {
                await first.WaitReadyAsync(readyTimeout, cancellationToken);
                using var client = new InsightsClient(first.BaseUri);
                run.BenchTargetsCreated = await ProgressMeasurements.SetTargetsAsync(client, targets, cancellationToken);
                await first.StopAsync(TimeSpan.FromSeconds(15));
            }
        }

        // 2. Measure on a fresh start, so the first call is the first request the host serves.
        run.Phase("host start");
        await using (var server = ServerProcess.Start(options.DotnetPath, spec))
        {
            run.ReadyTime = await server.WaitReadyAsync(readyTimeout, cancellationToken);
            Progress($"measure: host ready after {run.ReadyTime.Value.TotalSeconds:0.0} s (pid {server.Pid})");
            using var client = new InsightsClient(server.BaseUri);
            run.Phase("progress");
            var year = today.Year;
            var requests = new (string Label, string Path, string Caller, bool Compare)[]
            {
                (F($"Sichuan, periods containing {year}"), "/progress?regionCode=510000", "510000", false),
                ("Sichuan, 2021–2025", "/progress?regionCode=510000&fromYear=2021&toYear=2025", "510000", false),
                (F($"Leshan, periods containing {year}"), "/progress?regionCode=511100", "510000", false),
                ("Leshan, 2021–2025", "/progress?regionCode=511100&fromYear=2021&toYear=2025", "510000", false),
                (F($"Chongqing, periods containing {year}"), "/progress?regionCode=500000", "500000", false),
                ("Chongqing, 2021–2025", "/progress?regionCode=500000&fromYear=2021&toYear=2025", "500000", false),
                ("Sichuan's cities, subsidised trainings 2021–2025", "/compare?regionCode=510000&indicatorCode=subsidised_trainings&fromYear=2021&toYear=2025", "510000", true),
                ("Chongqing's districts and counties, guaranteed loans 2021–2025", "/compare?regionCode=500000&indicatorCode=guaranteed_loans&fromYear=2021&toYear=2025", "500000", true),
            };
            foreach (var (label, path, caller, compare) in requests)
            {
                var call = await ProgressMeasurements.MeasureAsync(
                    client, label, path, "operator", caller, options.WarmCalls,
                    body => compare ? ProgressMeasurements.CheckComparison(body, expected, names) : ProgressMeasurements.CheckProgress(body, expected, today),
                    cancellationToken);
                run.Calls.Add(call);
                Progress(string.Create(CultureInfo.InvariantCulture, $"{label}: first {call.FirstMilliseconds:0.0} ms, warm p50 {call.Warm.P50:0.0} ms, p99 {call.Warm.P99:0.0} ms; {call.Facts}; {(call.Mismatches == 0 ? "checked" : call.Mismatches + " MISMATCHES")}{(call.Error is null ? "" : " error: " + call.Error)}"));
            }

            // 2b. An administrator changes how the busiest indicator counts and back: two rebuilds over its kept events,
            // then Sichuan's progress checked again against the tallies.
            run.Phase("redefinition");
            run.Redefinitions.AddRange(await Redefinitions.RunAsync(client, SeedIndicators.SubsidisedTrainings, ["DistinctPerson", "Count"], cancellationToken));
            foreach (var r in run.Redefinitions)
            {
                Progress(string.Create(CultureInfo.InvariantCulture, $"redefined {r.Indicator} as {r.Measure}: {r.Status}, {r.EventsRecounted:N0} events recounted in {r.Milliseconds / 1000:0.0} s"));
            }

            run.AfterRedefinitions = await ProgressMeasurements.MeasureAsync(
                client, "Sichuan, 2021–2025, after the redefinitions", "/progress?regionCode=510000&fromYear=2021&toYear=2025", "operator", "510000", 1,
                body => ProgressMeasurements.CheckProgress(body, expected, today), cancellationToken);
            Progress($"after the redefinitions: {(run.AfterRedefinitions.Mismatches == 0 ? "checked" : run.AfterRedefinitions.Mismatches + " MISMATCHES")}");

            await server.StopAsync(TimeSpan.FromSeconds(15));
        }

        run.Phase("query plans");
        Progress("query plans");
        run.Plans.AddRange(await QueryPlans.ProgressAsync(database, today, cancellationToken));
        if (!options.Keep && options.Reuse is null)
        {
            await database.DropAsync();
            created.Remove(database);
            Progress($"removed {database.Description}");
        }
    }
    else
    {
        state = InsightsBenchState.Fresh(options, null, today);
    }

    // 3. Catch-up of an outbox backlog, per consumer batch size, each on a database of its own.
    if (options.Outbox > 0)
    {
        foreach (var size in options.ConsumerBatches)
        {
            run.Phase(F($"catch-up ×{size}"));
            var database = await InsightsDatabase.CreateAsync(options, Path.Combine(work, F($"catch-up-{size}")), F($"c{size}"), cancellationToken);
            created.Add(database);
            if (run.CatchUps.Count == 0)
            {
                run.Facts.Add("Catch-up databases: " + (database.IsPostgres ? database.Description : "SQLite, a data folder each") + "; the host's relay settings otherwise as in `appsettings.json` (poll 2 s, lease 60 s, `BatchSize` 50 for single-delivery consumers)");
            }

            run.CatchUps.Add(await CatchUp.RunAsync(database, state, size, options, hostDll, today, Progress, cancellationToken));
            if (!options.Keep)
            {
                await database.DropAsync();
                created.Remove(database);
                Progress($"removed {database.Description}");
            }
        }
    }

    var markdown = InsightsReport.Render(run);
    Console.WriteLine(markdown);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output, markdown, CancellationToken.None);
    Progress($"report written to {output}");
    return 0;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted: no report written.");
    return 130;
}
catch (Exception exception)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {(exception is BenchFailureException ? exception.Message : exception.ToString())}");
    return 1;
}
finally
{
    ChildProcesses.KillAll();
    foreach (var database in created.Where(_ => !options.Keep))
    {
        try
        {
            await database.DropAsync();
            Progress($"removed {database.Description}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"Could not remove {database.Description}: {exception.Message}");
        }
    }

    if (work is not null && options.Keep)
    {
        Progress($"kept {work}; measure progress again with: bash bench/insights.sh --provider {options.ProviderName} --reuse {work} --outbox 0");
    }
    else if (work is not null && options.Reuse is null && Directory.Exists(work) && !Directory.EnumerateFileSystemEntries(work).Any())
    {
        Directory.Delete(work);
    }

    foreach (var signal in signals)
    {
        signal.Dispose();
    }
}

static void Describe(InsightsRun run, GenerationFacts facts, EventGenerator generator, IReadOnlyList<Platform.Modules.Insights.Domain.Indicator> indicators, IReadOnlyDictionary<string, string> names)
{
    var total = Math.Max(1, facts.ByKind.Values.Sum());
    string Share(IEnumerable<KeyValuePair<string, long>> counts, long of, Func<string, string> name) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{name(c.Key)} {c.Value * 100.0 / Math.Max(1, of):0.0} %")));
    var labels = EventGenerator.Kinds.ToDictionary(k => k.Name, k => k.Label, StringComparer.Ordinal);
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture,
        $"{total:N0} events of the four program modules as they publish them (the contracts' records, persons as blind indexes of valid unique identity numbers under the host's key), each kept as the module keeps it (`EventFacts.From`), from 2021-01-01 to {run.Today:yyyy-MM-dd} in the counties of Sichuan and Chongqing (cities by resident population, counties by a mild Zipf law; more each year, fewer in February, October and at weekends):"));
    run.DataLines.Add("");
    run.DataLines.Add($"- By kind: {Share(facts.ByKind, total, k => labels.GetValueOrDefault(k, k))}.");
    run.DataLines.Add($"- By province: {Share(facts.ByProvince, total, c => names.GetValueOrDefault(c, c))}; biggest cities: {Share(facts.ByCity.OrderByDescending(c => c.Value).Take(6), total, c => names.GetValueOrDefault(c, c))}; by year: {string.Join(", ", facts.ByYear.OrderBy(y => y.Key).Select(y => string.Create(CultureInfo.InvariantCulture, $"{y.Key} {y.Value * 100.0 / total:0.0} %")))}.");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Trainings completed: {facts.Trainings:N0}, {facts.Passed * 100.0 / Math.Max(1, facts.Trainings):0.0} % passed; holders' groups: {Share(facts.TrainingGroups, facts.Trainings, g => g)} (a holder may be in two). Vouchers of {generator.TraineePool:N0} holders."));
    run.DataLines.Add($"- Studio accreditations: {Share(facts.StudioKinds.Select(k => new KeyValuePair<string, long>(k.Key, k.Value)), facts.ByKind.GetValueOrDefault(Platform.Modules.SkillMasterStudios.Contracts.StudioAccredited.Name), k => k)}.");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Founders: {facts.Founders:N0}, {facts.RepeatFounders:N0} with more than one business ({facts.RepeatFounders * 100.0 / Math.Max(1, facts.Founders):0.0} %); loans {facts.LoanAmount / 100_000_000m:N2} 亿 yuan; jobs created +{facts.JobsUp:N0} / −{facts.JobsDown:N0}."));
    run.DataLines.Add($"- Counters: computed with the module's own `CounterDeltas` over the generated events, one instance per indicator of the seeded definitions read from the database ({string.Join(", ", indicators.Select(i => i.EventName is null ? $"{i.Code} (not recorded)" : $"{i.Code} = {i.Measure} of {labels.GetValueOrDefault(i.EventName, i.EventName)}{(i.Filter.Length == 0 ? "" : $" where {i.Filter}")}"))}), zero changes left out as `CounterBook.ApplyAsync` leaves them out.");
}

static string RepositoryRoot(string? given)
{
    if (given is not null)
    {
        return Path.GetFullPath(given);
    }

    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "src", "Host", "Platform.Host.csproj")))
            {
                return folder.FullName;
            }
        }
    }

    throw new BenchFailureException("Cannot find the repository (no src/Host/Platform.Host.csproj above here); pass --repo.");
}

static string? Git(string repo, params string[] arguments)
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", repo, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = git.StandardOutput.ReadToEnd().Trim();
        return git.WaitForExit(10_000) && git.ExitCode == 0 && text.Length > 0 ? text : null;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return null;
    }
}

static string HostBuilt(string repo, string hostDll)
{
    var built = new DateTimeOffset(File.GetLastWriteTimeUtc(hostDll), TimeSpan.Zero);
    var committed = long.TryParse(Git(repo, "log", "-1", "--format=%ct"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : (DateTimeOffset?)null;
    var text = string.Create(CultureInfo.InvariantCulture, $"dll written {built:yyyy-MM-dd HH:mm} UTC");
    return committed is { } c && built < c ? text + string.Create(CultureInfo.InvariantCulture, $", **older than HEAD's commit ({c:yyyy-MM-dd HH:mm} UTC)**") : text;
}

static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static string QuoteArgument(string argument) =>
    argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:".Contains(c, StringComparison.Ordinal))
        ? argument
        : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
