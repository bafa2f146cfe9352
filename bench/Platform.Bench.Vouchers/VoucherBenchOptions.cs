using System.Globalization;

namespace Platform.Bench.Vouchers;

/// <summary>The database engine the benchmarked host runs on.</summary>
internal enum BenchProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Settings of one run of the training vouchers benchmark, from the command line.</summary>
internal sealed class VoucherBenchOptions
{
    public const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres";

    public const string Usage = """
        Usage: dotnet Platform.Bench.Vouchers.dll [options]   (or: bash bench/vouchers.sh [options])

          --provider sqlite|postgres   database engine of the host                                   [sqlite]
          --pg CONNSTR                 PostgreSQL server; the run creates and drops bench_vouchers_<random> on it
                                       [BENCH_PG, Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres]
          --vouchers N                 vouchers to generate                                             [1000000]
          --people N                   distinct holders                                                 [vouchers / 5]
          --batch N                    vouchers per SaveChanges                                         [10000]
          --seed N                     random seed of the data and of the request mixes                 [20261125]
          --until yyyy-MM-dd           last issue day of the generated data (at most yesterday in China) [2026-11-24]
          --searches N                 measured sequential search requests                              [2100]
          --search-warmup N            search requests before measuring                                 [210]
          --search-budget S            stop measuring searches after this many seconds                  [900]
          --stats-warm N               warm statistics calls per city                                   [5]
          --issue-warmup S             seconds of issue load before measuring                           [10]
          --issue-duration S           seconds of measured issue load                                   [20]
          --concurrency N              concurrent issue workers                                         [32]
          --ready-timeout S            give up on a host start after this many seconds                  [120]
          --skip-search, --skip-statistics, --skip-issue   leave a measurement out
          --explain-all                query plans of every search mix and statistics query (default: only those missing their aim, and the slowest mix)
          --keep                       keep the data folder / database (its path is printed) for experiments
          --reuse DIR                  measure again on a folder a --keep run left (no setup, no generation)
          --work-dir DIR               where the data folder and state go (default: a new folder under the temp folder)
          --repo PATH                  repository root (default: found upwards from here)
          --host-dll PATH              default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --out PATH                   Markdown report (default: <repo>/bench/results/vouchers-<provider>.md)
          --dotnet PATH                the dotnet executable that runs the host (default: dotnet on PATH)
          --help
        """;

    public BenchProvider Provider { get; private set; } = BenchProvider.Sqlite;

    public string PostgresServer { get; private set; } = Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } pg ? pg : DefaultPostgres;

    public int Vouchers { get; private set; } = 1_000_000;

    public int? People { get; private set; }

    public int BatchSize { get; private set; } = 10_000;

    public int Seed { get; private set; } = 20261125;

    public DateOnly Until { get; private set; } = new(2026, 11, 24);

    public int Searches { get; private set; } = 2100;

    public int SearchWarmUp { get; private set; } = 210;

    public int SearchBudgetSeconds { get; private set; } = 900;

    public int StatisticsWarmCalls { get; private set; } = 5;

    public int IssueWarmUpSeconds { get; private set; } = 10;

    public int IssueDurationSeconds { get; private set; } = 20;

    public int Concurrency { get; private set; } = 32;

    public int ReadyTimeoutSeconds { get; private set; } = 120;

    public bool SkipSearch { get; private set; }

    public bool SkipStatistics { get; private set; }

    public bool SkipIssue { get; private set; }

    public bool ExplainAll { get; private set; }

    public bool Keep { get; private set; }

    public string? Reuse { get; private set; }

    public string? WorkDirectory { get; private set; }

    public string? RepoRoot { get; private set; }

    public string? HostDll { get; private set; }

    public string? OutputPath { get; private set; }

    public string DotnetPath { get; private set; } = "dotnet";

    public bool ShowHelp { get; private set; }

    /// <summary>Holders: the given number, else one for every five vouchers (200,000 for a million).</summary>
    public int PeopleCount => People ?? Math.Max(100, Vouchers / 5);

    public string ProviderName => Provider == BenchProvider.Sqlite ? "sqlite" : "postgres";

    public static VoucherBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new VoucherBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--provider": options.Provider = ParseProvider(Value()); break;
                case "--pg": options.PostgresServer = Value(); break;
                case "--vouchers": options.Vouchers = PositiveInt(name, Value()); break;
                case "--people": options.People = PositiveInt(name, Value()); break;
                case "--batch": options.BatchSize = PositiveInt(name, Value()); break;
                case "--seed": options.Seed = NonNegativeInt(name, Value()); break;
                case "--until": options.Until = ParseDay(name, Value()); break;
                case "--searches": options.Searches = PositiveInt(name, Value()); break;
                case "--search-warmup": options.SearchWarmUp = NonNegativeInt(name, Value()); break;
                case "--search-budget": options.SearchBudgetSeconds = PositiveInt(name, Value()); break;
                case "--stats-warm": options.StatisticsWarmCalls = PositiveInt(name, Value()); break;
                case "--issue-warmup": options.IssueWarmUpSeconds = NonNegativeInt(name, Value()); break;
                case "--issue-duration": options.IssueDurationSeconds = PositiveInt(name, Value()); break;
                case "--concurrency": options.Concurrency = PositiveInt(name, Value()); break;
                case "--ready-timeout": options.ReadyTimeoutSeconds = PositiveInt(name, Value()); break;
                case "--skip-search": options.SkipSearch = true; break;
                case "--skip-statistics": options.SkipStatistics = true; break;
                case "--skip-issue": options.SkipIssue = true; break;
                case "--explain-all": options.ExplainAll = true; break;
                case "--keep": options.Keep = true; break;
                case "--reuse": options.Reuse = Value(); break;
                case "--work-dir": options.WorkDirectory = Value(); break;
                case "--repo": options.RepoRoot = Value(); break;
                case "--host-dll": options.HostDll = Value(); break;
                case "--out": options.OutputPath = Value(); break;
                case "--dotnet": options.DotnetPath = Value(); break;
                case "--help" or "-h": options.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        if (options.People is { } people && people * 15L < options.Vouchers)
        {
            throw new ArgumentException($"--people {people} is too few for {options.Vouchers} vouchers: at most 3 a year each over six years (use at least vouchers / 15).");
        }

        if (options.Reuse is not null && options.WorkDirectory is not null)
        {
            throw new ArgumentException("--reuse names the folder to measure on; leave --work-dir out.");
        }

        return options;
    }

    private static BenchProvider ParseProvider(string value) => value.ToUpperInvariant() switch
    {
        "SQLITE" => BenchProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "PG" => BenchProvider.Postgres,
        _ => throw new ArgumentException($"--provider is sqlite or postgres, not '{value}'."),
    };

    private static DateOnly ParseDay(string name, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException($"{name} takes a day as yyyy-MM-dd, not '{value}'.");

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    private static int NonNegativeInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
