using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Platform.Bench;
using Platform.Bench.Studios;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.Time;
using Platform.Modules.SkillMasterStudios.Features.Studios;

// Skill-master studios benchmark (not a test): a database of studios, masters, accreditations, annual
// reports and apprentices, then search, statistics and overdue-list latency of the built host through
// HTTP on 127.0.0.1, and the plans of the handlers' queries. Progress to stderr, the Markdown report to
// stdout and bench/results/studios-<provider>.md. Exit codes: 0 done (aims met or not), 1 failed,
// 64 bad arguments, 130 interrupted.
StudioBenchOptions options;
try
{
    options = StudioBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(StudioBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(StudioBenchOptions.Usage);
    return 0;
}

using var interrupted = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    if (!interrupted.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{context.Signal}: stopping the host, cleaning up and exiting.");
        interrupted.Cancel();
    }
}

using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.KillAll();

var clock = Stopwatch.StartNew();
void Progress(string message) => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed:hh\\:mm\\:ss}] {message}"));

var cancellationToken = interrupted.Token;
StudioDatabase? database = null;
var drop = false;
try
{
    var repo = Repository.Root(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", $"studios-{options.ProviderName}.md"));
    var today = ChinaCalendar.DayOf(DateTimeOffset.UtcNow);
    var year = options.Year ?? today.Year - 1;

    StudioBenchState state;
    if (options.Reuse is { } reuse)
    {
        var folder = Path.GetFullPath(reuse);
        state = StudioBenchState.Load(folder);
        if (state.Provider != options.ProviderName)
        {
            throw new BenchFailureException($"--reuse {folder} holds {state.Provider} data; pass --provider {state.Provider}.");
        }

        database = StudioDatabase.Attach(options, folder, state);
    }
    else
    {
        var folder = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "platform-bench-studios-" + Guid.NewGuid().ToString("N")[..8]));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BenchFailureException($"--work-dir {folder} is not empty; the benchmark needs a fresh folder.");
        }

        database = await StudioDatabase.CreateAsync(options, folder, cancellationToken);
        drop = !options.Keep;
        state = StudioBenchState.Fresh(options, database.PostgresDatabase);
        state.Save(folder);
    }

    Progress($"{database.Description}; host {hostDll}");
    var run = new StudioRun
    {
        Options = options,
        Command = string.Join(' ', new[] { "bash", "bench/studios.sh" }.Concat(args).Select(Repository.Quote)),
        Commit = Repository.Commit(repo),
        HostBuild = Repository.HostBuild(repo, hostDll),
        Database = database.Description,
        Year = year,
    };
    var spec = new AppSpec("host", hostDll, "/health/ready", new Dictionary<string, string>(database.HostEnvironment.Concat(state.KeyEnvironment), StringComparer.Ordinal));
    var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);
    var regions = new StudioRegions(RegionCatalog.LoadEmbedded(), state.Seed);

    // 1. Setup: the host migrates the empty database and seeds the rules and funding standards.
    if (options.Reuse is null)
    {
        run.RecordLoad("setup");
        Progress("setup: starting the host on the empty database");
        await using (var setup = ServerProcess.Start(options.DotnetPath, spec))
        {
            run.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
            await setup.StopAsync(TimeSpan.FromSeconds(15));
        }

        // 2. The generator, straight into the module's tables as the system caller.
        run.RecordLoad("generator");
        var planning = Stopwatch.StartNew();
        var planner = new StudioPlanner(regions, state.Seed + 1, today);
        planner.Plan(state.Studios, state.Apprentices);
        planning.Stop();
        DescribePlan(run, planner, regions);
        Progress($"generator: planned {state.Studios:N0} studios, {planner.Reports.Count:N0} annual reports, {state.Apprentices:N0} apprentices in {planning.Elapsed.TotalSeconds:0.0} s");
        await using var db = database.Context();
        var standards = await db.FundingStandards.AsNoTracking().ToListAsync(cancellationToken);
        if (standards.Count == 0)
        {
            throw new BenchFailureException("No funding standards in the database: did the setup start seed it?");
        }

        await database.BeforeLoadAsync(db, cancellationToken);
        var writer = new StudioWriter(planner, regions, state.Protector(), standards, state.Seed + 2, today);
        var load = await writer.WriteAsync(db, options.BatchSize, planning.Elapsed, Progress, cancellationToken);
        Progress("generator: finishing the load");
        run.Load = load with { AfterLoad = await database.AfterLoadAsync(db, cancellationToken) };
    }

    if (options.Reuse is not null)
    {
        run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"Reused the data a `--keep` run left ({state.Studios:N0} studios, {state.Apprentices:N0} apprentices, seed {state.Seed}): no setup, no generation in this run."));
    }

    GC.Collect();
    run.Size = await database.SizeAsync(cancellationToken);
    run.Facts.Add(await database.FactsAsync(cancellationToken));
    Progress($"data: {run.Size}");

    // 3. The host on that data, measured through HTTP.
    var city = regions.City("510100");
    var all = new BenchCaller("operator of both provinces", "*", StudioClient.Token("operator", "*"));
    var cityOperator = new BenchCaller($"operator of {city.Name}", city.Code, StudioClient.Token("operator", city.Code));
    var shapes = Measurements.Shapes(regions, all, cityOperator, city);
    var statisticsRegions = new[] { ("510000", "Sichuan"), ("500000", "Chongqing"), ("510100", "Chengdu"), ("511100", "Leshan"), (city.BusiestCounty, $"a county of {city.Name}") };
    run.RecordLoad("host start");
    await using (var server = ServerProcess.Start(options.DotnetPath, spec))
    {
        run.ReadyTime = await server.WaitReadyAsync(readyTimeout, cancellationToken);
        Progress($"measure: host ready after {run.ReadyTime.Value.TotalSeconds:0.0} s (pid {server.Pid})");
        using var client = new StudioClient(server.BaseUri);
        run.RecordLoad("search");
        run.Search = await Measurements.SearchAsync(client, server, shapes, options.SearchWarmUp, options.SearchesPerShape, state.Seed + 3, Progress, cancellationToken);
        Progress($"search: p50 {run.Search.Overall.P50:0.0} ms, p95 {run.Search.Overall.P95:0.0} ms, p99 {run.Search.Overall.P99:0.0} ms");
        run.RecordLoad("statistics");
        run.Statistics = await Measurements.StatisticsAsync(client, all, statisticsRegions, year, options.WarmCalls, Progress, cancellationToken);
        run.RecordLoad("overdue");
        run.Overdue = await Measurements.OverdueAsync(client, all, "510000", options.WarmCalls, Progress, cancellationToken);
        await server.StopAsync(TimeSpan.FromSeconds(15));
    }

    // 4. The plans of the handlers' queries: every search shape (its slowest filter), the statistics of the
    // province and of the county, the overdue list.
    run.RecordLoad("query plans");
    Progress("query plans");
    using (var cityScope = CallerScope.For("operator", city.Code))
    {
        foreach (var shape in run.Search.Shapes)
        {
            var scope = shape.Shape.Caller == cityOperator ? cityScope : null;
            run.Plans.Add(await Plans.SearchAsync(database, scope, $"search, {shape.Shape.Name}" + (shape.Slowest == new SearchStudiosRequest(null, null, null, null, null, null, null) ? "" : $" ({Measurements.Describe(shape.Slowest)})"), shape.Slowest, cancellationToken));
        }
    }

    run.Plans.AddRange(await Plans.StatisticsAsync(database, "510000", year, cancellationToken));
    run.Plans.AddRange(await Plans.StatisticsAsync(database, city.BusiestCounty, year, cancellationToken));
    run.Plans.Add(await Plans.OverdueAsync(database, "510000", today.Year - 1, cancellationToken));

    var markdown = StudioReport.Render(run);
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
    if (database is not null && drop)
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
    else if (database is not null)
    {
        Progress($"kept {database.Description}; measure again with: bash bench/studios.sh --provider {options.ProviderName} --reuse {database.Folder}");
    }
}

static void DescribePlan(StudioRun run, StudioPlanner planner, StudioRegions regions)
{
    var studios = planner.Studios;
    string Share<T>(IEnumerable<T> keys) => string.Join(", ", keys.GroupBy(k => k).OrderByDescending(g => g.Count())
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count() * 100.0 / studios.Length:0.0} %")));
    var cities = studios.GroupBy(s => regions.CityOf(s.County)).OrderByDescending(g => g.Count()).Take(5)
        .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key.Name} {g.Count() * 100.0 / studios.Length:0.0} %"));
    var reportYears = planner.Reports.GroupBy(r => r.Year).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count():N0}"));
    var apprentices = planner.Reports.Sum(r => r.Apprentices);
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"{studios.Length:N0} studios in {studios.Select(s => s.County).Distinct().Count()} counties of Sichuan and Chongqing, each with its lead master (identity number encrypted and blind-indexed with the host's keys). Biggest cities: {string.Join(", ", cities)}."));
    run.DataLines.Add("");
    run.DataLines.Add($"- Level: {Share(studios.Select(s => s.Level))}. Status: {Share(studios.Select(s => s.Status))}.");
    run.DataLines.Add($"- Field: {Share(studios.Select(s => s.Field))}.");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Accreditations per studio (consecutive three-year terms, New then Upgrade or Renewal, granted under the seeded funding standard in force on the decision day, paid in up to two tranches): {Share(studios.Select(s => s.Levels.Length))}. First accredited {studios.Min(s => s.AccreditedOn):yyyy-MM-dd} … {studios.Max(s => s.AccreditedOn):yyyy-MM-dd}."));
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Annual reports (one per studio and year over, within its terms): {planner.Reports.Count:N0} by year {string.Join(", ", reportYears)}; {planner.MissingReports:N0} studio-years left without a report (the overdue list)."));
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Apprentices: {apprentices:N0} spread at random over the reports (weighted 1 : 1.6 : 2.5 by level), about 60 % with a level reached in the year; identity numbers encrypted with a blind index."));
    run.DataLines.Add("- Not written: applications and expert scores (accreditations point to application ids that do not exist), outbox messages.");
}

/// <summary>The repository: where it is, which commit, whether the host build is older than that commit.</summary>
internal static class Repository
{
    public static string Root(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        var start = new[] { Environment.CurrentDirectory, AppContext.BaseDirectory }
            .SelectMany(s => Ancestors(new DirectoryInfo(s)))
            .FirstOrDefault(d => File.Exists(Path.Combine(d.FullName, "src", "Host", "Platform.Host.csproj")));
        return start?.FullName ?? throw new BenchFailureException("Cannot find the repository (no src/Host/Platform.Host.csproj above here); pass --repo.");
    }

    public static string Commit(string repo)
    {
        var head = Git(repo, "rev-parse --short HEAD").Trim();
        var dirty = Git(repo, "status --porcelain --untracked-files=no").Length > 0;
        return head.Length == 0 ? "unknown" : head + (dirty ? " (with uncommitted changes)" : "");
    }

    public static string HostBuild(string repo, string hostDll)
    {
        if (!File.Exists(hostDll))
        {
            return "not built";
        }

        var built = File.GetLastWriteTimeUtc(hostDll);
        var text = string.Create(CultureInfo.InvariantCulture, $"`{Path.GetFileName(hostDll)}` written {built:yyyy-MM-dd HH:mm} UTC");
        return DateTimeOffset.TryParse(Git(repo, "log -1 --format=%cI").Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var committed) && committed.UtcDateTime > built
            ? text + " — **older than HEAD's commit: run without BENCH_SKIP_BUILD**"
            : text;
    }

    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',' or ':')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static IEnumerable<DirectoryInfo> Ancestors(DirectoryInfo? folder)
    {
        for (; folder is not null; folder = folder.Parent)
        {
            yield return folder;
        }
    }

    private static string Git(string repo, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", $"-C \"{repo}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var git = Process.Start(info)!;
            var text = git.StandardOutput.ReadToEnd();
            git.StandardError.ReadToEnd();
            return git.WaitForExit(10_000) && git.ExitCode == 0 ? text : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
