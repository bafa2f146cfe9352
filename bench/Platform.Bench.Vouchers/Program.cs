using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Platform.Bench;
using Platform.Bench.Vouchers;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Time;

// Training vouchers benchmark (not a test): a database of realistic vouchers, then search latency,
// statistics and issue throughput of the built host through HTTP on 127.0.0.1. Progress goes to
// stderr, the Markdown report to stdout and bench/results/vouchers-<provider>.md. Exit codes: 0 done
// (aims met or not), 1 failed, 64 bad arguments, 130 interrupted.
VoucherBenchOptions options;
try
{
    options = VoucherBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(VoucherBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(VoucherBenchOptions.Usage);
    return 0;
}

using var interrupted = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (interrupted.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping the host, cleaning up and exiting.");
    interrupted.Cancel();
}

using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.KillAll();

var clock = Stopwatch.StartNew();
void Progress(string message) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {message}"));

var cancellationToken = interrupted.Token;
BenchDatabase? database = null;
var dropAtEnd = false;
try
{
    var repo = RepoInfo.Find(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", $"vouchers-{options.ProviderName}.md"));
    var chinaToday = ChinaCalendar.DayOf(DateTimeOffset.UtcNow);

    // The data's keys and folder: new ones, or those a kept run left.
    PersonalDataKeys keys;
    BenchState state;
    if (options.Reuse is { } reuse)
    {
        var folder = Path.GetFullPath(reuse);
        state = BenchState.Read(folder);
        if (state.Provider != options.ProviderName)
        {
            throw new BenchFailureException($"--reuse {folder} holds {state.Provider} data; pass --provider {state.Provider}.");
        }

        keys = new PersonalDataKeys(state.EncryptionKey, state.BlindIndexKey);
        database = BenchDatabase.Attach(options, folder, state);
    }
    else
    {
        var folder = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "platform-bench-vouchers-" + Guid.NewGuid().ToString("N")[..8]));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BenchFailureException($"--work-dir {folder} is not empty; the benchmark needs a fresh folder.");
        }

        var until = options.Until < chinaToday ? options.Until : chinaToday.AddDays(-1);
        keys = PersonalDataKeys.FromBenchSecrets();
        database = await BenchDatabase.CreateAsync(options, folder, cancellationToken);
        dropAtEnd = !options.Keep;
        state = new BenchState(options.ProviderName, database.PostgresDatabase, keys.EncryptionKey, keys.BlindIndexKey, options.Seed, options.Vouchers, options.PeopleCount, until, chinaToday);
        state.Write(folder);
    }

    Progress($"{database.Description}; host {hostDll}");
    var run = new VoucherRun
    {
        Options = options,
        Command = ["bash", "bench/vouchers.sh", .. args],
        Commit = RepoInfo.Commit(repo),
        HostBuild = RepoInfo.HostBuild(repo, hostDll),
        Machine = MachineInfo.Read(),
        Database = database.Description,
        Reused = options.Reuse is not null,
    };

    var hostEnvironment = new Dictionary<string, string>(StringComparer.Ordinal);
    foreach (var (key, value) in database.HostEnvironment.Concat(keys.HostEnvironment))
    {
        hostEnvironment[key] = value;
    }

    var spec = new AppSpec("host", hostDll, "/health/ready", hostEnvironment);
    var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);

    // 1. Setup: one start on the empty database migrates it and seeds the sample reference data.
    if (options.Reuse is null)
    {
        run.RecordLoad("setup");
        Progress("setup: starting the host on the empty database (migrations, sample reference data)");
        var setup = ServerProcess.Start(options.DotnetPath, spec);
        await using (setup)
        {
            run.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
            await setup.StopAsync(TimeSpan.FromSeconds(15));
        }

        Progress($"setup: ready after {run.SetupTime.Value.TotalSeconds:0.0} s, stopped");
    }

    var protector = keys.CreateProtector();
    var regions = new RegionPlan(RegionCatalog.LoadEmbedded(), state.Seed);
    var people = Population.Create(state.People, state.Seed, regions, protector);
    Catalogue catalogue;
    await using (var db = database.CreateContext())
    {
        catalogue = await Catalogue.LoadAsync(db, cancellationToken);

        // 2. The generator, straight into the module's tables as the unrestricted system caller.
        if (options.Reuse is null)
        {
            run.RecordLoad("generator");
            Progress($"generator: planning {state.Vouchers:N0} vouchers for {state.People:N0} people, issued {VoucherPlanner.FirstDay:yyyy-MM-dd} … {state.Until:yyyy-MM-dd}");
            var planning = Stopwatch.StartNew();
            var planner = new VoucherPlanner(catalogue, regions, people, state.Seed + 1, state.Until, state.ChinaToday);
            var plans = planner.Plan(state.Vouchers, Progress);
            planning.Stop();
            run.Plan = planner.Summary;
            Progress($"generator: planned in {planning.Elapsed.TotalSeconds:0.0} s; writing in batches of {options.BatchSize:N0}");

            await database.PrepareGeneratorAsync(db, cancellationToken);
            var writing = Stopwatch.StartNew();
            var writer = new VoucherWriter(catalogue, regions, people, protector, state.Seed + 2);
            var (vouchers, claims, batches) = await writer.WriteAsync(db, plans, options.BatchSize, Progress, cancellationToken);
            writing.Stop();
            var afterLoad = await database.AfterGenerationAsync(db, cancellationToken);
            var size = await database.SizeAsync(cancellationToken);
            run.Generator = new GeneratorResult(vouchers, claims, batches, planning.Elapsed, writing.Elapsed, options.BatchSize, afterLoad, size);
            Progress($"generator: {vouchers:N0} vouchers, {claims:N0} claims, {batches:N0} payment batches in {writing.Elapsed.TotalSeconds:0.0} s ({run.Generator.VouchersPerSecond:N0} vouchers/s); {size}");
        }
    }

    GC.Collect();
    run.Size = await database.SizeAsync(cancellationToken);
    run.ServerFacts = await database.ServerFactsAsync(cancellationToken);

    // 3. The host on that data, measured through HTTP.
    run.RecordLoad("host start");
    Progress("measure: starting the host on the data");
    var inputs = new RequestInputs(people, regions, catalogue, state.Until, state.Seed);
    var server = ServerProcess.Start(options.DotnetPath, spec);
    await using (server)
    {
        run.ReadyTime = await server.WaitReadyAsync(readyTimeout, cancellationToken);
        Progress($"measure: host ready after {run.ReadyTime.Value.TotalSeconds:0.0} s (pid {server.Pid})");
        using var client = new ApiClient(server.BaseUri, Math.Max(options.Concurrency, 2), TimeSpan.FromMinutes(2));
        if (!options.SkipSearch)
        {
            run.RecordLoad("search");
            run.Search = await HttpBenchmarks.SearchAsync(
                client, server, inputs, options.SearchWarmUp, options.Searches, TimeSpan.FromSeconds(options.SearchBudgetSeconds), Progress, cancellationToken);
            Progress($"search: p50 {run.Search.Overall.P50:0.0} ms, p95 {run.Search.Overall.P95:0.0} ms, p99 {run.Search.Overall.P99:0.0} ms");
        }

        if (!options.SkipStatistics)
        {
            run.RecordLoad("statistics");
            run.Statistics = await HttpBenchmarks.StatisticsAsync(client, regions, options.StatisticsWarmCalls, Progress, cancellationToken);
        }

        if (!options.SkipIssue)
        {
            run.RecordLoad("issue");
            Progress($"issue: {options.Concurrency} workers, {options.IssueWarmUpSeconds} s warm-up, {options.IssueDurationSeconds} s measured");
            run.Issue = await HttpBenchmarks.IssueAsync(
                client, server, inputs, options.Concurrency, TimeSpan.FromSeconds(options.IssueWarmUpSeconds), TimeSpan.FromSeconds(options.IssueDurationSeconds), Progress, cancellationToken);
            Progress($"issue: {run.Issue.CreatedPerSecond:N0}/s, p50 {run.Issue.Latency.P50:0} ms, p99 {run.Issue.Latency.P99:0} ms, {run.Issue.Failures.Values.Sum():N0} other answers");
        }

        await server.StopAsync(TimeSpan.FromSeconds(15));
    }

    // 4. Why: the plans of what missed its aim, and of the slowest search mix.
    run.RecordLoad("query plans");
    if (run.Search is { } search)
    {
        var slowest = search.Mixes.MaxBy(m => m.Latency.P99);
        foreach (var mix in search.Mixes.Where(m => options.ExplainAll || m.Latency.P99 >= VoucherReport.SearchP99AimMs || m == slowest))
        {
            Progress($"query plan: {mix.Name}");
            run.Plans.Add(await QueryPlans.SearchAsync(database, protector, $"search, {mix.Name} ({mix.Slowest.Describe()})", mix.Slowest, cancellationToken));
        }
    }

    if (run.Statistics is { Count: > 0 } statistics
        && (options.ExplainAll || statistics.Any(s => s.ColdMilliseconds >= VoucherReport.StatisticsAimMs || s.WarmMedianMilliseconds >= VoucherReport.StatisticsAimMs)))
    {
        var city = statistics.MaxBy(s => s.WarmMedianMilliseconds)!;
        Progress($"query plan: statistics of {city.Name}");
        run.Plans.AddRange(await QueryPlans.StatisticsAsync(database, city.Code, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), cancellationToken));
    }

    run.Notes.Add("The generator writes vouchers, settlement claims and payment batches only: no attendance sessions (attended minutes are set on the voucher), no fraud flags, no outbox messages. All enrolments go to the 13 sample institutions.");
    run.Notes.Add("Each issue run adds its vouchers to the database (new people, issued today); a `--reuse` run measures on that data too.");
    if (options.Provider == BenchProvider.Postgres)
    {
        run.Notes.Add("PostgreSQL runs on the same machine: its backends' CPU shows as \"everything else\" in the CPU lines.");
    }

    var markdown = VoucherReport.Render(run);
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
catch (BenchFailureException exception)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {exception.Message}");
    return 1;
}
catch (Exception exception) when (exception is not OperationCanceledException || !interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {exception}");
    return 1;
}
finally
{
    ChildProcesses.KillAll();
    if (database is not null)
    {
        if (dropAtEnd)
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
        else
        {
            Progress($"kept {database.Description}; measure again with: bash bench/vouchers.sh --provider {options.ProviderName} --reuse {database.WorkDirectory}");
        }
    }
}

/// <summary>Where the repository is and which commit it is on.</summary>
internal static class RepoInfo
{
    public static string Find(string? given)
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

    /// <summary>When the host dll was built, and a warning when the checked-out commit is newer (a stale build).</summary>
    public static string HostBuild(string repo, string hostDll)
    {
        if (!File.Exists(hostDll))
        {
            return "not built";
        }

        var built = File.GetLastWriteTimeUtc(hostDll);
        var text = string.Create(CultureInfo.InvariantCulture, $"`{Path.GetFileName(hostDll)}` written {built:yyyy-MM-dd HH:mm:ss} UTC");
        try
        {
            var committed = Git(repo, "log", "-1", "--format=%cI").Trim();
            if (DateTimeOffset.TryParse(committed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.UtcDateTime > built)
            {
                text += string.Create(CultureInfo.InvariantCulture, $" — **older than HEAD's commit ({at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC): the figures are of an earlier build; run without BENCH_SKIP_BUILD**");
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        return text;
    }

    public static string Commit(string repo)
    {
        try
        {
            var head = Git(repo, "rev-parse", "--short", "HEAD").Trim();
            var dirty = Git(repo, "status", "--porcelain", "--untracked-files=no");
            return head.Length == 0 ? "unknown" : head + (string.IsNullOrWhiteSpace(dirty) ? "" : " (with uncommitted changes)");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }

    private static string Git(string repo, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(repo);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return "";
        }

        return process.ExitCode == 0 ? text : "";
    }
}
