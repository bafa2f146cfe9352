using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Platform.Bench;
using Platform.Bench.Studios;
using Platform.Bench.Veterans;
using Platform.BuildingBlocks.Identity;
using Platform.Modules.VeteranEmployment.Domain;

// Veteran employment benchmark (not a test): veterans with their employment ledgers and training records,
// then status-on-date statistics, ledger reads and the CSV ledger import through HTTP against the built
// host on 127.0.0.1, and the plans of the statistics' queries. Progress to stderr, the Markdown report to
// stdout and bench/results/veterans-<provider>.md. Exit codes: 0 done (aims met or not), 1 failed,
// 64 bad arguments, 130 interrupted.
VeteranBenchOptions options;
try
{
    options = VeteranBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(VeteranBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(VeteranBenchOptions.Usage);
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
VeteranDatabase? database = null;
var drop = false;
try
{
    var repo = RepositoryRoot(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", $"veterans-{options.ProviderName}.md"));
    var now = DateTimeOffset.UtcNow;
    var today = Platform.BuildingBlocks.Time.ChinaCalendar.DayOf(now);

    VeteranBenchState state;
    Roster roster;
    if (options.Reuse is { } reuse)
    {
        var folder = Path.GetFullPath(reuse);
        state = VeteranBenchState.Load(folder);
        if (state.Provider != options.ProviderName)
        {
            throw new BenchFailureException($"--reuse {folder} holds {state.Provider} data; pass --provider {state.Provider}.");
        }

        database = VeteranDatabase.Attach(options, folder, state);
        roster = Roster.Load(folder);
    }
    else
    {
        var folder = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "platform-bench-veterans-" + Guid.NewGuid().ToString("N")[..8]));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BenchFailureException($"--work-dir {folder} is not empty; the benchmark needs a fresh folder.");
        }

        database = await VeteranDatabase.CreateAsync(options, folder, cancellationToken);
        drop = !options.Keep;
        state = VeteranBenchState.Fresh(options, database.PostgresDatabase);
        state.Save(folder);
        roster = new Roster([]);
    }

    Progress($"{database.Description}; host {hostDll}");
    var run = new VeteranRun
    {
        Options = options,
        Command = string.Join(' ', new[] { "bash", "bench/veterans.sh" }.Concat(args).Select(QuoteArgument)),
        Commit = GitCommit(repo),
        Database = database.Description,
        Today = today,
    };
    var spec = new AppSpec("host", hostDll, "/health/ready", new Dictionary<string, string>(database.HostEnvironment.Concat(state.KeyEnvironment), StringComparer.Ordinal));
    var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);
    var regions = new VeteranRegions(RegionCatalog.LoadEmbedded(), state.Seed);
    var generator = new VeteranGenerator(regions, state.Protector(), state.Seed + 1, now);

    if (options.Reuse is null)
    {
        // 1. Setup: the host migrates the empty database and seeds the incentive standards.
        run.Phase("setup");
        Progress("setup: starting the host on the empty database");
        await using (var setup = ServerProcess.Start(options.DotnetPath, spec))
        {
            run.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
            await setup.StopAsync(TimeSpan.FromSeconds(15));
        }

        // 2. The generator, straight into the module's tables on the provider context's connection.
        run.Phase("generator");
        run.Load = await LoadAsync(database, generator, options, Progress, cancellationToken);
        roster = new Roster(generator.Roster);
        roster.Save(database.Folder);
        Describe(run, generator.Facts, options.Veterans);
    }
    else
    {
        run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"Reused the data a `--keep` run left ({state.Veterans:N0} veterans, about {state.Entries:N0} ledger entries, seed {state.Seed}; the earlier run's import is in it): no setup, no generation in this run."));
    }

    GC.Collect();
    run.Size = await database.SizeAsync(cancellationToken);
    run.Facts.Add(await database.FactsAsync(cancellationToken));
    Progress($"data: {run.Size}");

    // 3. The host on that data, through HTTP.
    var busiest = regions.BusiestCounty["510100"];
    var statisticsRegions = new[] { ("510000", "Sichuan"), ("500000", "Chongqing"), ("510100", "Chengdu"), ("511100", "Leshan"), (busiest, "Chengdu's busiest county") };
    var past = today.AddYears(-3);
    run.Phase("host start");
    await using (var server = ServerProcess.Start(options.DotnetPath, spec))
    {
        run.ReadyTime = await server.WaitReadyAsync(readyTimeout, cancellationToken);
        Progress($"measure: host ready after {run.ReadyTime.Value.TotalSeconds:0.0} s (pid {server.Pid})");
        using var client = new VeteranClient(server.BaseUri, StudioClient.Token("operator", "*"));
        run.Phase("statistics");
        run.Statistics = await Measurements.StatisticsAsync(client, statisticsRegions, [today, past], options.WarmCalls, Progress, cancellationToken);
        run.Phase("ledger reads");
        var (forms, overall, cpu, error) = await Measurements.LedgerAsync(client, server, roster.Entries, options.LedgerWarmUp, options.LedgerReads, state.Seed + 3, today, Progress, cancellationToken);
        (run.Ledger, run.LedgerOverall, run.LedgerCpu, run.LedgerError) = (forms, overall, cpu, error);
        Progress(string.Create(CultureInfo.InvariantCulture, $"ledger reads: p50 {overall.P50:0.0} ms, p95 {overall.P95:0.0} ms, p99 {overall.P99:0.0} ms"));
        if (options.ImportRows > 0)
        {
            run.Phase("import");
            var (csv, corrections) = Measurements.ImportCsv(roster.Entries, generator, options.ImportRows, state.Seed + 4, today);
            Progress($"import: sending {options.ImportRows:N0} rows ({csv.Length / 1048576.0:0.0} M characters)");
            run.Import = await Measurements.ImportAsync(client, csv, options.ImportRows, corrections, cancellationToken);
            Progress(string.Create(CultureInfo.InvariantCulture, $"import: {run.Import.Status}, {run.Import.Applied:N0} applied, {run.Import.Failed:N0} failed in {run.Import.Milliseconds / 1000:0.0} s{(run.Import.FirstErrors is null ? "" : " — " + run.Import.FirstErrors)}"));
        }

        await server.StopAsync(TimeSpan.FromSeconds(15));
    }

    // 4. The plans of the statistics' queries (province and county, today) and of the ledger read.
    run.Phase("query plans");
    Progress("query plans");
    run.Plans.AddRange(await QueryPlans.StatisticsAsync(database, "510000", today, cancellationToken));
    run.Plans.AddRange(await QueryPlans.StatisticsAsync(database, busiest, today, cancellationToken));
    run.Plans.Add(await QueryPlans.LedgerAsync(database, roster.Entries[0].Id, cancellationToken));

    var markdown = VeteranReport.Render(run);
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
        Progress($"kept {database.Description}; measure again with: bash bench/veterans.sh --provider {options.ProviderName} --reuse {database.Folder}");
    }

    foreach (var signal in signals)
    {
        signal.Dispose();
    }
}

// The load: batches of veterans generated in memory, each written with its ledger and training records;
// the secondary indexes dropped before and rebuilt after. Checks one veteran's ledger through EF at the end.
static async Task<LoadResult> LoadAsync(VeteranDatabase database, VeteranGenerator generator, VeteranBenchOptions options, Action<string> progress, CancellationToken cancellationToken)
{
    await using var db = database.Context();
    if (!await db.IncentiveStandards.AnyAsync(cancellationToken))
    {
        throw new BenchFailureException("No incentive standards in the database: did the setup start seed it?");
    }

    var indexes = await database.BeforeLoadAsync(db, cancellationToken);
    progress($"generator: dropped {indexes.Count} secondary indexes of {string.Join(", ", VeteranDatabase.LoadedTables)} for the load");
    var veterans = new BulkWriter<Veteran>(db, options.RowsPerInsert);
    var ledger = new BulkWriter<LedgerEntry>(db, options.RowsPerInsert);
    var trainings = new BulkWriter<TrainingRecord>(db, options.RowsPerInsert);
    var rows = new Dictionary<string, long>(StringComparer.Ordinal) { ["veterans"] = 0, ["ledger_entries"] = 0, ["training_records"] = 0 };
    var generating = new Stopwatch();
    var inserting = new Stopwatch();
    var lastReport = TimeSpan.Zero;
    var total = Stopwatch.StartNew();
    generating.Start();
    foreach (var batch in generator.Generate(options.Veterans, options.Entries, options.BatchVeterans))
    {
        generating.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        inserting.Start();
        await veterans.WriteAsync(batch.Veterans, cancellationToken);
        await ledger.WriteAsync(batch.Ledger, cancellationToken);
        await trainings.WriteAsync(batch.Trainings, cancellationToken);
        inserting.Stop();
        rows["veterans"] += batch.Veterans.Count;
        rows["ledger_entries"] += batch.Ledger.Count;
        rows["training_records"] += batch.Trainings.Count;
        if (total.Elapsed - lastReport > TimeSpan.FromSeconds(10) || rows["veterans"] == options.Veterans)
        {
            lastReport = total.Elapsed;
            var written = rows.Values.Sum();
            progress(string.Create(CultureInfo.InvariantCulture, $"generator: {rows["veterans"]:N0} of {options.Veterans:N0} veterans, {written:N0} rows ({written / inserting.Elapsed.TotalSeconds:N0} rows/s inserting; {generating.Elapsed.TotalSeconds:0.0} s generating, {inserting.Elapsed.TotalSeconds:0.0} s inserting)"));
        }

        generating.Start();
    }

    generating.Stop();
    var indexing = Stopwatch.StartNew();
    var afterLoad = await database.AfterLoadAsync(db, indexes, progress, cancellationToken);
    indexing.Stop();

    // The rows must read back through the model as the host reads them (ids, dates, enums, conversions).
    var probe = generator.Roster[0];
    var stored = await db.Veterans.AsNoTracking().Where(v => v.Id == probe.Id).Select(v => new { v.RegionCode, v.CurrentStatus, Entries = db.Ledger.Count(e => e.VeteranId == v.Id) }).SingleOrDefaultAsync(cancellationToken);
    if (stored is null || stored.RegionCode != probe.County || stored.Entries == 0)
    {
        throw new BenchFailureException($"The first generated veteran {probe.Id} does not read back through EF as written ({stored?.ToString() ?? "not found"}).");
    }

    var method = database.IsPostgres
        ? "binary `COPY … FROM STDIN` through Npgsql on the provider context's connection, one COPY per table and batch"
        : string.Create(CultureInfo.InvariantCulture, $"prepared multi-row `INSERT … VALUES (…), (…)` ({options.RowsPerInsert} rows per statement at most) with parameters on the provider context's connection, one transaction per table and batch of {options.BatchVeterans:N0} veterans; `journal_mode=OFF, synchronous=OFF`, 1 GB page cache on that connection");
    return new LoadResult(rows, generating.Elapsed, inserting.Elapsed, indexing.Elapsed, method + "; secondary indexes dropped before and rebuilt after (definitions read from the catalogue); columns and value conversions from the context's EF model", afterLoad);
}

static void Describe(VeteranRun run, GenerationFacts facts, int veterans)
{
    string Share<T>(IEnumerable<KeyValuePair<T, int>> counts, Func<T, string> name) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{name(c.Key)} {c.Value * 100.0 / veterans:0.0} %")));
    var catalog = RegionCatalog.LoadEmbedded();
    var names = catalog.All.ToDictionary(r => r.Code, r => r.NameEn ?? r.Name, StringComparer.Ordinal);
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"{veterans:N0} veterans in the counties of Sichuan and Chongqing, identity numbers valid (GB 11643, unique), encrypted and blind-indexed with the host's keys. Biggest cities: {Share(facts.Cities.OrderByDescending(c => c.Value).Take(5), c => names.GetValueOrDefault(c, c))}."));
    run.DataLines.Add("");
    run.DataLines.Add($"- Discharge category: {Share(facts.Categories, c => c.ToString())}. Discharged 2010–2025, registered within 90 days after.");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Ledger: {facts.Entries:N0} entries, {facts.MinEntries}–{facts.MaxEntries} per veteran ({(double)facts.Entries / veterans:0.0} on average), effective days increasing from discharge to today; {facts.Corrections:N0} same-day corrections recorded later ({facts.Corrections * 100.0 / Math.Max(1, facts.Entries):0.0} %). Entries by status: {string.Join(", ", facts.EntriesByStatus.OrderByDescending(s => s.Value).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value * 100.0 / facts.Entries:0.0} %")))}."));
    run.DataLines.Add($"- Status today (the veterans' `CurrentStatus`, the entry in force today): {Share(facts.StatusToday, s => s.ToString())}.");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Training records: {facts.Trainings:N0} (for about 70 % of the spells in training, completed 20–120 days after they began, 85 % passed with a certificate)."));
    run.DataLines.Add("- Not written: transfers, training needs, job postings and applications, outbox messages.");
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

static string GitCommit(string repo)
{
    try
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["-C", repo, "describe", "--always", "--dirty=+uncommitted"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var text = git.StandardOutput.ReadToEnd().Trim();
        return git.WaitForExit(10_000) && git.ExitCode == 0 && text.Length > 0 ? text : "unknown";
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return "unknown";
    }
}

static string QuoteArgument(string argument) =>
    argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:".Contains(c, StringComparison.Ordinal))
        ? argument
        : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
