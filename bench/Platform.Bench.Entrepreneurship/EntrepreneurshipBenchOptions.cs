using System.Globalization;
using Platform.BuildingBlocks.Identity;

namespace Platform.Bench.Entrepreneurship;

/// <summary>Settings of one run of the return-home entrepreneurship benchmark, from the command line.</summary>
internal sealed class EntrepreneurshipBenchOptions
{
    public const string Usage = """
        Usage: dotnet Platform.Bench.Entrepreneurship.dll [options]   (or: bash bench/entrepreneurship.sh [options])

          --provider sqlite|postgres   database engine of the host                                           [sqlite]
          --pg CONNSTR                 PostgreSQL server; the run creates and drops bench_entrepreneurship_<random> on it
                                       [BENCH_PG, Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres]
          --businesses N               businesses; their founders are 95 % as many (a few own several)         [200000]
          --loans N                    guaranteed loans over all founders (at most 3 paid out and 2 refused or
                                       withdrawn per founder, one open at a time)                              [500000]
          --bank-loans N               running loans (Disbursed/Repaying/Overdue) of the benchmark bank in
                                       --bank-region, paid out over the previous 36 months; its claim lists them  [100000]
          --bank-region CODE           the region of the bank's running loans and of its claim                   [510000]
          --batch N                    founders generated and written per transaction / COPY                  [10000]
          --rows-per-insert N          SQLite: rows per prepared INSERT statement (at most 999 parameters)       [4]
          --seed N                     random seed of the data and of the requests                           [20261128]
          --claim-runs N               claims of the bank for the last complete month in its region (the claim row
                                       is deleted with SQL between runs)                                       [5]
          --stats-runs N               warm statistics calls per region after the first                        [20]
          --loan-reads N               measured schedule and interest-subsidy reads (each)                     [200]
          --loan-warmup N              loan reads before measuring                                             [20]
          --ready-timeout S            give up on a host start after this many seconds                       [120]
          --keep                       keep the data folder / database (its path is printed) for experiments
          --reuse DIR                  measure again on a folder a --keep run left (no setup, no generation)
          --work-dir DIR               where the data folder and state go (default: a new folder under the temp folder)
          --repo PATH                  repository root (default: found upwards from here)
          --host-dll PATH              default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --out PATH                   Markdown report (default: <repo>/bench/results/entrepreneurship-<provider>.md)
          --dotnet PATH                the dotnet executable that runs the host (default: dotnet on PATH)
          --help
        """;

    public bool Postgres { get; private set; }

    public string PostgresServer { get; private set; } =
        Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } pg ? pg : "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres";

    public int Businesses { get; private set; } = 200_000;

    public int Loans { get; private set; } = 500_000;

    public int BankLoans { get; private set; } = 100_000;

    public string BankRegion { get; private set; } = "510000";

    public int BatchFounders { get; private set; } = 10_000;

    public int RowsPerInsert { get; private set; } = 4;

    public int Seed { get; private set; } = 20261128;

    public int ClaimRuns { get; private set; } = 5;

    public int StatisticsRuns { get; private set; } = 20;

    public int LoanReads { get; private set; } = 200;

    public int LoanWarmUp { get; private set; } = 20;

    public int ReadyTimeoutSeconds { get; private set; } = 120;

    public bool Keep { get; private set; }

    public string? Reuse { get; private set; }

    public string? WorkDirectory { get; private set; }

    public string? RepoRoot { get; private set; }

    public string? HostDll { get; private set; }

    public string? OutputPath { get; private set; }

    public string DotnetPath { get; private set; } = "dotnet";

    public bool ShowHelp { get; private set; }

    public string ProviderName => Postgres ? "postgres" : "sqlite";

    public static EntrepreneurshipBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new EntrepreneurshipBenchOptions();
        var flags = new Dictionary<string, Action>(StringComparer.Ordinal)
        {
            ["--keep"] = () => o.Keep = true,
            ["--help"] = () => o.ShowHelp = true,
            ["-h"] = () => o.ShowHelp = true,
        };
        var valued = new Dictionary<string, Action<string, string>>(StringComparer.Ordinal)
        {
            ["--provider"] = (_, v) => o.Postgres = v.ToUpperInvariant() switch
            {
                "SQLITE" => false,
                "POSTGRES" or "POSTGRESQL" or "PG" => true,
                _ => throw new ArgumentException($"--provider is sqlite or postgres, not '{v}'."),
            },
            ["--pg"] = (_, v) => o.PostgresServer = v,
            ["--businesses"] = (n, v) => o.Businesses = (int)Whole(n, v, 1, 50_000_000),
            ["--loans"] = (n, v) => o.Loans = (int)Whole(n, v, 0, 100_000_000),
            ["--bank-loans"] = (n, v) => o.BankLoans = (int)Whole(n, v, 0, 50_000_000),
            ["--bank-region"] = (_, v) => o.BankRegion = RegionCatalog.LoadEmbedded().Contains(v) && v.StartsWith('5')
                ? v
                : throw new ArgumentException($"--bank-region takes a region of Sichuan or Chongqing from the catalogue (510000, 511100, 500000, …), not '{v}'."),
            ["--batch"] = (n, v) => o.BatchFounders = (int)Whole(n, v, 1, int.MaxValue),
            ["--rows-per-insert"] = (n, v) => o.RowsPerInsert = (int)Whole(n, v, 1, 999),
            ["--seed"] = (n, v) => o.Seed = (int)Whole(n, v, 0, int.MaxValue),
            ["--claim-runs"] = (n, v) => o.ClaimRuns = (int)Whole(n, v, 1, 1000),
            ["--stats-runs"] = (n, v) => o.StatisticsRuns = (int)Whole(n, v, 1, 100_000),
            ["--loan-reads"] = (n, v) => o.LoanReads = (int)Whole(n, v, 1, 1_000_000),
            ["--loan-warmup"] = (n, v) => o.LoanWarmUp = (int)Whole(n, v, 0, 1_000_000),
            ["--ready-timeout"] = (n, v) => o.ReadyTimeoutSeconds = (int)Whole(n, v, 1, int.MaxValue),
            ["--reuse"] = (_, v) => o.Reuse = v,
            ["--work-dir"] = (_, v) => o.WorkDirectory = v,
            ["--repo"] = (_, v) => o.RepoRoot = v,
            ["--host-dll"] = (_, v) => o.HostDll = v,
            ["--out"] = (_, v) => o.OutputPath = v,
            ["--dotnet"] = (_, v) => o.DotnetPath = v,
        };

        var queue = new Queue<string>(args);
        while (queue.TryDequeue(out var name))
        {
            if (flags.TryGetValue(name, out var flag))
            {
                flag();
            }
            else if (valued.TryGetValue(name, out var set))
            {
                set(name, queue.TryDequeue(out var value) ? value : throw new ArgumentException($"{name} needs a value."));
            }
            else
            {
                throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (o.Reuse is not null && o.WorkDirectory is not null)
        {
            throw new ArgumentException("--reuse names the folder to measure on; leave --work-dir out.");
        }

        if (o.BankLoans > o.Loans)
        {
            throw new ArgumentException("--bank-loans cannot be more than --loans.");
        }

        return o;
    }

    /// <summary>A whole number written with or without thousands separators (<c>1_000_000</c>, <c>1,000,000</c>).</summary>
    private static long Whole(string name, string value, long minimum, long maximum)
    {
        var digits = value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum && parsed <= maximum
            ? parsed
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} takes a whole number from {minimum:N0} to {maximum:N0}, not '{value}'."));
    }
}
