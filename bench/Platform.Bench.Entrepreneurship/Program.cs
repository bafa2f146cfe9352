using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Platform.Bench;
using Platform.Bench.Entrepreneurship;
using Platform.Bench.Veterans;
using Platform.BuildingBlocks.Identity;
using Platform.BuildingBlocks.PersonalData;
using Platform.Modules.ReturnHomeEntrepreneurship.Domain;
using Platform.Modules.ReturnHomeEntrepreneurship.Features.Loans;
using Platform.Modules.ReturnHomeEntrepreneurship.Persistence;

// Return-home entrepreneurship benchmark (not a test): founders, businesses, guaranteed loans with their monthly
// repayments, then a bank's monthly interest-subsidy claim, the statistics and loan reads through HTTP against the
// built host on 127.0.0.1, and the plans of the queries behind them. Progress to stderr, the Markdown report to
// stdout and bench/results/entrepreneurship-<provider>.md. Exit codes: 0 done (aims met or not), 1 failed,
// 64 bad arguments, 130 interrupted.
EntrepreneurshipBenchOptions options;
try
{
    options = EntrepreneurshipBenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(EntrepreneurshipBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(EntrepreneurshipBenchOptions.Usage);
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
EntrepreneurshipDatabase? database = null;
var drop = false;
try
{
    var repo = RepositoryRoot(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", $"entrepreneurship-{options.ProviderName}.md"));
    var now = DateTimeOffset.UtcNow;
    var today = Platform.BuildingBlocks.Time.ChinaCalendar.DayOf(now);
    var claimMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);

    BenchState state;
    LoanRoster roster;
    if (options.Reuse is { } reuse)
    {
        var folder = Path.GetFullPath(reuse);
        state = BenchState.Load(folder);
        if (state.Provider != options.ProviderName)
        {
            throw new BenchFailureException($"--reuse {folder} holds {state.Provider} data; pass --provider {state.Provider}.");
        }

        database = EntrepreneurshipDatabase.Attach(options, folder, state);
        roster = LoanRoster.Load(folder);
    }
    else
    {
        var folder = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "platform-bench-entrepreneurship-" + Guid.NewGuid().ToString("N")[..8]));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new BenchFailureException($"--work-dir {folder} is not empty; the benchmark needs a fresh folder.");
        }

        database = await EntrepreneurshipDatabase.CreateAsync(options, folder, cancellationToken);
        drop = !options.Keep;
        state = BenchState.Fresh(options, database.PostgresDatabase, new BankCatalog(options.BankRegion, options.Seed + 2).Benchmark.Code, today, claimMonth);
        state.Save(folder);
        roster = new LoanRoster([]);
    }

    var banks = new BankCatalog(state.BankRegion, state.Seed + 2);
    Progress($"{database.Description}; host {hostDll}");
    var run = new EntrepreneurshipRun
    {
        Options = options,
        Command = string.Join(' ', new[] { "bash", "bench/entrepreneurship.sh" }.Concat(args).Select(QuoteArgument)),
        Commit = GitCommit(repo),
        Database = database.Description,
        Today = today,
        State = state,
        Bank = banks.Benchmark,
        ClaimMonth = claimMonth,
    };
    var spec = new AppSpec("host", hostDll, "/health/ready", new Dictionary<string, string>(database.HostEnvironment.Concat(state.KeyEnvironment), StringComparer.Ordinal));
    var readyTimeout = TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);
    var regions = new EntrepreneurRegions(RegionCatalog.LoadEmbedded(), state.Seed);

    if (options.Reuse is null)
    {
        // 1. Setup: the host migrates the empty database and seeds the loan rules and prime rates.
        run.Phase("setup");
        Progress("setup: starting the host on the empty database");
        await using (var setup = ServerProcess.Start(options.DotnetPath, spec))
        {
            run.SetupTime = await setup.WaitReadyAsync(readyTimeout, cancellationToken);
            await setup.StopAsync(TimeSpan.FromSeconds(15));
        }

        // 2. The generator, straight into the module's tables on the provider context's connection.
        run.Phase("generator");
        var (load, generator) = await LoadAsync(database, regions, banks, state.Protector(), options, now, claimMonth, Progress, cancellationToken);
        run.Load = load;
        roster = new LoanRoster(generator.Roster);
        roster.Save(database.Folder);
        state = state with { ExpectedClaimLines = generator.Facts.ExpectedClaimLines };
        state.Save(database.Folder);
        run.State = state;
        Describe(run, generator.Facts, regions, options);
    }
    else
    {
        run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"Reused the data a `--keep` run left on {state.GeneratedOn:yyyy-MM-dd} ({state.Businesses:N0} businesses, {state.Loans:N0} loans, {state.BankLoans:N0} running loans of the bank in {state.BankRegion}, seed {state.Seed}): no setup, no generation in this run.{(state.ClaimMonth == claimMonth ? "" : F($" The data was generated for the claim month {state.ClaimMonth:yyyy-MM}; this run claims {claimMonth:yyyy-MM}, so the loans listed are fewer or more than planned."))}"));
    }

    if (roster.Loans.Count == 0)
    {
        throw new BenchFailureException("No paid-out loan to read: give more --loans.");
    }

    GC.Collect();
    run.Size = await database.SizeAsync(cancellationToken);
    run.Facts.Add(await database.FactsAsync(cancellationToken));
    Progress($"data: {run.Size}");

    // 3. The host on that data, through HTTP.
    var callers = new Callers();
    var statisticsRegions = new[] { ("510000", "Sichuan"), ("511100", "Leshan"), ("500000", "Chongqing") };
    run.Phase("host start");
    await using (var server = ServerProcess.Start(options.DotnetPath, spec))
    {
        run.ReadyTime = await server.WaitReadyAsync(readyTimeout, cancellationToken);
        Progress($"measure: host ready after {run.ReadyTime.Value.TotalSeconds:0.0} s (pid {server.Pid})");
        using var client = new EntrepreneurshipClient(server.BaseUri);
        run.Phase("statistics");
        run.Statistics = await Measurements.StatisticsAsync(client, callers, statisticsRegions, options.StatisticsRuns, Progress, cancellationToken);

        run.Phase("claims");
        var bank = banks.Benchmark.Code;
        run.Claims = await Measurements.ClaimsAsync(client, callers, database, server, bank, state.BankRegion, claimMonth, options.ClaimRuns, Progress, cancellationToken);
        if (run.Claims.LastOrDefault(c => c.Status == 201) is { } made)
        {
            run.ClaimReads = await Measurements.ReadClaimAsync(client, callers, made, cancellationToken);

            // A claim of a region within the one just claimed, same bank and month: the loans there would be claimed twice.
            var within = Within(state.BankRegion);
            if (within is not null)
            {
                var overlap = await Measurements.ClaimAsync(client, callers, server, $"within {state.BankRegion}'s claim, not deleted", bank, within, claimMonth, cancellationToken);
                run.OtherClaims.Add(overlap);
                Progress(Measurements.Describe(overlap));
            }

            var previous = await Measurements.ClaimAsync(client, callers, server, "the month before", bank, state.BankRegion, claimMonth.AddMonths(-1), cancellationToken);
            run.OtherClaims.Add(previous);
            Progress(Measurements.Describe(previous));
        }

        run.HostMemory = server.ReadMemory();
        await database.DeleteClaimsAsync(bank, null, null, cancellationToken);

        run.Phase("loan reads");
        var (forms, cpu) = await Measurements.LoanReadsAsync(client, callers, server, roster.Loans, options.LoanWarmUp, options.LoanReads, state.Seed + 5, Progress, cancellationToken);
        (run.LoanReads, run.LoanReadsCpu) = (forms, cpu);
        foreach (var form in forms)
        {
            Progress(string.Create(CultureInfo.InvariantCulture, $"loan reads, {form.Form}: p50 {form.Latency.P50:0.0} ms, p99 {form.Latency.P99:0.0} ms{(form.FirstError is null ? "" : " — " + form.FirstError)}"));
        }

        await server.StopAsync(TimeSpan.FromSeconds(15));
    }

    // 4. The plans of the queries behind the statistics, the claim and a loan read.
    run.Phase("query plans");
    Progress("query plans");
    foreach (var (code, _) in statisticsRegions)
    {
        run.Plans.AddRange(await QueryPlans.StatisticsAsync(database, code, today, cancellationToken));
    }

    var (compute, claimPlans) = await QueryPlans.ClaimAsync(database, banks.Benchmark.Code, state.BankRegion, claimMonth, cancellationToken);
    run.ClaimCompute = compute;
    run.Plans.AddRange(claimPlans);
    Progress(string.Create(CultureInfo.InvariantCulture, $"claim computed in the bench process: {compute.TotalMilliseconds / 1000:0.00} s ({compute.QueryMilliseconds / 1000:0.00} s in its queries) for {compute.Lines:N0} lines"));
    run.Plans.AddRange(await QueryPlans.LoanReadAsync(database, roster.Loans[0], cancellationToken));

    var markdown = EntrepreneurshipReport.Render(run);
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
        Progress($"kept {database.Description}; measure again with: bash bench/entrepreneurship.sh --provider {options.ProviderName} --reuse {database.Folder}");
    }

    foreach (var signal in signals)
    {
        signal.Dispose();
    }
}

// The load: the loan histories planned, then batches of founders generated in a thread of their own while the
// previous batch is written; the secondary indexes dropped before and rebuilt after. Checks counts and one founder
// through EF at the end.
static async Task<(LoadResult Load, EntrepreneurshipGenerator Generator)> LoadAsync(
    EntrepreneurshipDatabase database, EntrepreneurRegions regions, BankCatalog banks, IPersonalDataProtector protector, EntrepreneurshipBenchOptions options, DateTimeOffset now,
    DateOnly claimMonth, Action<string> progress, CancellationToken cancellationToken)
{
    var total = Stopwatch.StartNew();
    await using var db = database.Context();
    var rules = await db.LoanRules.AsNoTracking().ToListAsync(cancellationToken);
    var rates = await db.PrimeRates.AsNoTracking().ToListAsync(cancellationToken);
    if (rules.Count == 0 || rates.Count == 0)
    {
        throw new BenchFailureException("No loan rules or prime rates in the database: did the setup start seed them?");
    }

    var today = Platform.BuildingBlocks.Time.ChinaCalendar.DayOf(now);
    var planner = new LoanPlanner(regions, banks, options, today, options.Seed + 1);
    var founders = planner.Plan();
    var planning = total.Elapsed;
    progress(string.Create(CultureInfo.InvariantCulture, $"generator: planned {founders.Length:N0} founders and {founders.Sum(f => f.Loans.Count):N0} loans in {planning.TotalSeconds:0.0} s ({planner.Replaced:N0} loans moved to other founders)"));

    var generator = new EntrepreneurshipGenerator(founders, regions, banks, rules, rates, protector, options.Seed + 3, now, claimMonth, options.BankRegion);
    var indexes = await database.BeforeLoadAsync(db, cancellationToken);
    progress($"generator: dropped {indexes.Count} secondary indexes of {string.Join(", ", EntrepreneurshipDatabase.LoadedTables)} for the load");
    var entrepreneurs = new BulkWriter<Entrepreneur>(db, options.RowsPerInsert);
    var businesses = new BulkWriter<Business>(db, options.RowsPerInsert);
    var employees = new BulkWriter<Employee>(db, options.RowsPerInsert);
    var loans = new BulkWriter<Loan>(db, options.RowsPerInsert);
    var participants = new BulkWriter<LoanParticipant>(db, options.RowsPerInsert);
    var repayments = new BulkWriter<LoanRepayment>(db, options.RowsPerInsert);
    var rows = new Dictionary<string, long>(StringComparer.Ordinal);
    foreach (var table in EntrepreneurshipDatabase.LoadedTables)
    {
        rows[table] = 0;
    }

    // Generating (encryption, the arithmetic) runs on a thread of its own, one batch ahead of the inserts.
    var batches = Channel.CreateBounded<GeneratedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    var generating = new Stopwatch();
    var producer = Task.Run(async () =>
    {
        try
        {
            using var enumerator = generator.Generate(options.BatchFounders).GetEnumerator();
            while (true)
            {
                generating.Start();
                var more = enumerator.MoveNext();
                generating.Stop();
                if (!more)
                {
                    break;
                }

                await batches.Writer.WriteAsync(enumerator.Current, cancellationToken);
            }

            batches.Writer.Complete();
        }
        catch (Exception exception)
        {
            batches.Writer.Complete(exception);
        }
    }, cancellationToken);

    var inserting = new Stopwatch();
    var lastReport = TimeSpan.Zero;
    var written = 0;
    await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
    {
        inserting.Start();
        await entrepreneurs.WriteAsync(batch.Founders, cancellationToken);
        await businesses.WriteAsync(batch.Businesses, cancellationToken);
        await employees.WriteAsync(batch.Employees, cancellationToken);
        await loans.WriteAsync(batch.Loans, cancellationToken);
        await participants.WriteAsync(batch.Participants, cancellationToken);
        await repayments.WriteAsync(batch.Repayments, cancellationToken);
        inserting.Stop();
        rows["entrepreneurs"] += batch.Founders.Count;
        rows["businesses"] += batch.Businesses.Count;
        rows["employees"] += batch.Employees.Count;
        rows["loans"] += batch.Loans.Count;
        rows["loan_participants"] += batch.Participants.Count;
        rows["loan_repayments"] += batch.Repayments.Count;
        written += batch.Founders.Count;
        if (total.Elapsed - lastReport > TimeSpan.FromSeconds(10) || written == founders.Length)
        {
            lastReport = total.Elapsed;
            var sum = rows.Values.Sum();
            progress(string.Create(CultureInfo.InvariantCulture, $"generator: {written:N0} of {founders.Length:N0} founders, {rows["loans"]:N0} loans, {sum:N0} rows ({sum / inserting.Elapsed.TotalSeconds:N0} rows/s inserting; {generating.Elapsed.TotalSeconds:0.0} s generating, {inserting.Elapsed.TotalSeconds:0.0} s inserting)"));
        }
    }

    await producer;
    var indexing = Stopwatch.StartNew();
    var afterLoad = await database.AfterLoadAsync(db, indexes, progress, cancellationToken);
    indexing.Stop();

    // The rows must read back through the model as the host reads them (ids, dates, enums, conversions, encryption).
    var facts = generator.Facts;
    var prefix = RegionCode.Prefix(options.BankRegion);
    var stored = new
    {
        Loans = await db.Loans.CountAsync(cancellationToken),
        Repayments = await db.Repayments.LongCountAsync(cancellationToken),
        BankRunning = await db.Loans.CountAsync(
            l => l.BankCode == banks.Benchmark.Code && l.RegionCode.StartsWith(prefix) && (l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaying || l.Status == LoanStatus.Overdue),
            cancellationToken),
        Open = await db.LoanParticipants.CountAsync(p => p.OpenSlot != null, cancellationToken),
    };
    var first = await db.Entrepreneurs.AsNoTracking().OrderBy(e => e.Id).FirstAsync(cancellationToken);
    var identity = protector.Decrypt(PersonalDataKind.ResidentId, first.Person.Ciphertext);
    if (stored.Loans != facts.Loans || stored.Repayments != facts.Repayments || stored.BankRunning != facts.BankRunning || stored.BankRunning != options.BankLoans || identity.Length != 18)
    {
        throw new BenchFailureException($"The data does not read back through EF as written: {stored} against {facts.Loans:N0} loans, {facts.Repayments:N0} repayments, {facts.BankRunning:N0} running loans of the bank (asked {options.BankLoans:N0}); identity '{identity.Length}' characters.");
    }

    progress(string.Create(CultureInfo.InvariantCulture, $"generator: read back through EF: {stored.Loans:N0} loans, {stored.Repayments:N0} repayments, {stored.BankRunning:N0} running loans of the bank in {options.BankRegion}, {stored.Open:N0} open loan slots"));
    var verified = await VerifyStandingsAsync(db, generator.Roster, today, cancellationToken);
    generator.Facts.StandingCheck = verified;
    progress(string.Create(CultureInfo.InvariantCulture, $"generator: {verified.Loans:N0} stored loans evaluated again from their stored repayments as the host's standing check would: nothing changes, no check due; {verified.CompensatedWithArrears:N0} of {verified.Compensated:N0} compensated loans keep interest arrears{(verified.Example is null ? "" : " (" + verified.Example + ")")}"));
    var method = database.IsPostgres
        ? "binary `COPY … FROM STDIN` through Npgsql on the provider context's connection, one COPY per table and batch"
        : string.Create(CultureInfo.InvariantCulture, $"prepared multi-row `INSERT … VALUES (…), (…)` ({options.RowsPerInsert} rows per statement at most) with parameters on the provider context's connection, one transaction per table and batch of {options.BatchFounders:N0} founders; `journal_mode=OFF, synchronous=OFF`, 1 GB page cache on that connection");
    total.Stop();
    return (new LoadResult(rows, planning, generating.Elapsed, inserting.Elapsed, indexing.Elapsed, total.Elapsed,
        method + "; secondary indexes dropped before and rebuilt after (definitions read from the catalogue); columns and value conversions from the context's EF model (the veterans benchmark's `BulkWriter`)", afterLoad), generator);
}

// The stored standing of a sample of paid-out loans and of every compensated loan, read back, is what the module's own
// Refresh makes of their stored repayments (so the host's hourly check and the next repayment change nothing), and no
// running loan is due for a check. A compensated loan keeps the interest of the days between its last due day and the
// compensation as arrears (CompensateAsync pays the arrears of the periods due by then only): counted, not refused.
static async Task<StandingCheck> VerifyStandingsAsync(ReturnHomeEntrepreneurshipDbContext db, IReadOnlyList<RosterLoan> roster, DateOnly today, CancellationToken cancellationToken)
{
    var due = await db.Loans.CountAsync(
        l => l.NextCheckOn != null && l.NextCheckOn <= today
            && (l.Status == LoanStatus.Disbursed || l.Status == LoanStatus.Repaying || l.Status == LoanStatus.Overdue || l.Status == LoanStatus.Defaulted),
        cancellationToken);
    if (due > 0)
    {
        throw new BenchFailureException($"{due:N0} running loans are due for the host's standing check (NextCheckOn on or before {today:yyyy-MM-dd}): the generated standing is stale.");
    }

    var ids = roster.Take(500).Select(r => r.Id).ToArray();
    var loans = await db.Loans.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
    loans.AddRange(await db.Loans.AsNoTracking().Where(l => l.Status == LoanStatus.Compensated && !ids.Contains(l.Id)).Take(2000).ToListAsync(cancellationToken));
    var compensated = 0;
    var residual = 0;
    string? example = null;
    foreach (var loan in loans)
    {
        var payments = await LoanStandings.PaymentsAsync(db, loan.Id, cancellationToken);
        var before = (loan.Status, loan.Outstanding, loan.OverdueSince, loan.NextCheckOn, loan.SettledOn, loan.EverOverdue);
        var standing = LoanStandings.Refresh(loan, payments, today);
        var after = (loan.Status, loan.Outstanding, loan.OverdueSince, loan.NextCheckOn, loan.SettledOn, loan.EverOverdue);
        var consistent = loan.Status switch
        {
            LoanStatus.Settled => standing.Settled && standing.SettledOn == loan.SettledOn && loan.Outstanding == 0m,
            LoanStatus.Compensated => standing.Outstanding == 0m && standing.PrincipalArrears == 0m && loan.Outstanding == 0m,
            _ => before == after,
        };
        if (!consistent)
        {
            throw new BenchFailureException(string.Create(CultureInfo.InvariantCulture,
                $"Loan {loan.Id} as stored {before} is not what the module makes of its {payments.Count} stored repayments: {after}; evaluated on {today:yyyy-MM-dd}: outstanding {standing.Outstanding}, principal arrears {standing.PrincipalArrears}, interest arrears {standing.InterestArrears}, overdue since {standing.OverdueSince:yyyy-MM-dd}, settled {standing.Settled}; repayments {string.Join("; ", payments.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.PaidOn:yyyy-MM-dd} {p.Principal}+{p.Interest}")))}."));
        }

        if (loan.Status == LoanStatus.Compensated)
        {
            compensated++;
            if (standing.InterestArrears > 0m)
            {
                residual++;
                example ??= string.Create(CultureInfo.InvariantCulture,
                    $"loan {loan.Id}, compensated on {loan.CompensatedOn:yyyy-MM-dd} with {loan.CompensationAmount:N2} yuan, shows {standing.InterestArrears:N2} yuan of interest arrears and an overdue spell open since {standing.OverdueSince:yyyy-MM-dd} when evaluated on {today:yyyy-MM-dd}");
            }
        }
    }

    return new StandingCheck(loans.Count, compensated, residual, example);
}

static void Describe(EntrepreneurshipRun run, GenerationFacts facts, EntrepreneurRegions regions, EntrepreneurshipBenchOptions options)
{
    string Share<T>(IEnumerable<KeyValuePair<T, int>> counts, int of, Func<T, string> name) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => string.Create(CultureInfo.InvariantCulture, $"{name(c.Key)} {c.Value * 100.0 / Math.Max(1, of):0.0} %")));
    var loans = facts.Loans;
    var paidOut = facts.Methods.Values.Sum();
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"{facts.Founders:N0} founders in the counties of Sichuan and Chongqing ({facts.FoundersWithSeveralBusinesses:N0} with more than one business), identity numbers valid (GB 11643, unique), encrypted and blind-indexed with the host's keys. Biggest cities: {Share(facts.Cities.OrderByDescending(c => c.Value).Take(6), facts.Founders, c => regions.Names.GetValueOrDefault(c, c))}."));
    run.DataLines.Add("");
    run.DataLines.Add($"- Categories: {Share(facts.Categories, facts.Founders, c => c.ToString())}. Registered before their first loan (or since 2019 without one).");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- {facts.Businesses:N0} businesses (valid unique credit codes of their county): {Share(facts.Forms, facts.Businesses, f => f.ToString())}; {facts.ClosedBusinesses:N0} closed. {facts.Employees:N0} employees on their lists (identity numbers encrypted), {facts.Jobs:N0} jobs created today (insured, not left)."));
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- {loans:N0} guaranteed loans applied for since 2021-01-01 under the seeded rules: {Share(facts.Statuses, loans, s => s.ToString())}. Kinds: {Share(facts.Kinds, loans, k => k.ToString())} ({facts.PartnerParticipants:N0} partners). Paid out: {paidOut:N0}, {Share(facts.Methods, paidOut, m => m.ToString())}; {facts.AmountPaidOut / 100_000_000m:N2} 亿 yuan, {facts.Outstanding / 100_000_000m:N2} 亿 outstanding; {facts.EverOverdue:N0} ever overdue."));
    run.DataLines.Add($"- Loans per founder: {string.Join(", ", facts.LoansPerFounder.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}: {p.Value:N0}")))} (a new loan only after the previous one was repaid on time, at most three paid out; participants rows {facts.Participants:N0}).");
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- {facts.Repayments:N0} repayments ({facts.Repayments / (double)Math.Max(1, paidOut):0.0} per paid-out loan): each period's borrower's share of the interest (from `LoanArithmetic`) with the principal due (equal principal monthly, interest-only at maturity) on the due day; {facts.Prepayments:N0} partial early repayments, full early repayments, {facts.LatePayments:N0} periods paid 3–20 days late, overdue loans that stopped paying 1–5 periods ago, defaults declared 60+ days overdue and compensations by the guarantee fund. Each loan's stored standing is `LoanStandings.Refresh` on today ({facts.Evaluations:N0} evaluations of the arithmetic)."));
    run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- The benchmark bank: {facts.BankRunning:N0} running loans in {options.BankRegion} (asked {options.BankLoans:N0}; {facts.BankRunningOverdue:N0} overdue), paid out over the 36 months before {run.ClaimMonth:yyyy-MM}, {facts.BankOutstanding / 100_000_000m:N2} 亿 outstanding; its claim for {run.ClaimMonth:yyyy-MM} must list {facts.ExpectedClaimLines:N0} loans (those also repaid or compensated since the month began)."));
    if (facts.StandingCheck is { } check)
    {
        run.DataLines.Add(string.Create(CultureInfo.InvariantCulture, $"- Read back: {check.Loans:N0} stored loans (a sample of the paid-out ones and every compensated one) evaluated again with `LoanStandings.Refresh` from their stored repayments leave status, outstanding, overdue, next check and settled day as stored, and no running loan is due for the host's standing check. {check.CompensatedWithArrears:N0} of the {check.Compensated:N0} compensated loans show interest arrears and an open overdue spell when evaluated today (the compensation pays the interest of the periods due by its day, not of the days since the last due day){(check.Example is null ? "" : "; e.g. " + check.Example)}."));
    }

    run.DataLines.Add("- Not written: parks and tenancies, start-up subsidies, revenue reports, mentors, subsidy claims (the measurement makes them), outbox messages (`LoanDisbursed`, `BusinessRegistered`, …).");
}

static string? Within(string region)
{
    if (region == "510000")
    {
        return "511100";
    }

    return RegionCode.LevelOf(region) == RegionLevel.County ? null : RegionCatalog.LoadEmbedded().ChildrenOf(region).FirstOrDefault()?.Code;
}

static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

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
