using System.Globalization;

namespace Platform.Bench.Studios;

/// <summary>Settings of one run of the skill-master studios benchmark, from the command line.</summary>
internal sealed class StudioBenchOptions
{
    public const string Usage = """
        Usage: dotnet Platform.Bench.Studios.dll [options]   (or: bash bench/studios.sh [options])

          --provider sqlite|postgres   database engine of the host                                      [sqlite]
          --pg CONNSTR                 PostgreSQL server; the run creates and drops bench_studios_<random> on it
                                       [BENCH_PG, Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres]
          --studios N                  studios (and lead masters) to generate                            [50000]
          --apprentices N              apprentice records, spread over the annual reports                [1000000]
          --batch N                    rows per SaveChanges                                              [10000]
          --seed N                     random seed of the data and of the requests                       [20261126]
          --searches N                 measured requests per search shape                                [250]
          --search-warmup N            search requests before measuring                                  [200]
          --stats-warm N               warm statistics and overdue calls per region                      [5]
          --year N                     year of the statistics                                            [last year in China]
          --ready-timeout S            give up on a host start after this many seconds                   [120]
          --keep                       keep the data folder / database (its path is printed) for experiments
          --reuse DIR                  measure again on a folder a --keep run left (no setup, no generation)
          --work-dir DIR               where the data folder and state go (default: a new folder under the temp folder)
          --repo PATH                  repository root (default: found upwards from here)
          --host-dll PATH              default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --out PATH                   Markdown report (default: <repo>/bench/results/studios-<provider>.md)
          --dotnet PATH                the dotnet executable that runs the host (default: dotnet on PATH)
          --help
        """;

    private const string DefaultPostgres = "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres";

    public bool Postgres { get; private set; }

    public string PostgresServer { get; private set; } = Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } pg ? pg : DefaultPostgres;

    public int Studios { get; private set; } = 50_000;

    public int Apprentices { get; private set; } = 1_000_000;

    public int BatchSize { get; private set; } = 10_000;

    public int Seed { get; private set; } = 20261126;

    public int SearchesPerShape { get; private set; } = 250;

    public int SearchWarmUp { get; private set; } = 200;

    public int WarmCalls { get; private set; } = 5;

    public int? Year { get; private set; }

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

    public static StudioBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new StudioBenchOptions();

        // Each option: whether it takes a value, and what it sets.
        var table = new Dictionary<string, (bool TakesValue, Action<string, string> Set)>(StringComparer.Ordinal)
        {
            ["--provider"] = (true, (_, v) => o.Postgres = v.ToUpperInvariant() switch
            {
                "SQLITE" => false,
                "POSTGRES" or "POSTGRESQL" or "PG" => true,
                _ => throw new ArgumentException($"--provider is sqlite or postgres, not '{v}'."),
            }),
            ["--pg"] = (true, (_, v) => o.PostgresServer = v),
            ["--studios"] = (true, (n, v) => o.Studios = Number(n, v, 1)),
            ["--apprentices"] = (true, (n, v) => o.Apprentices = Number(n, v, 0)),
            ["--batch"] = (true, (n, v) => o.BatchSize = Number(n, v, 1)),
            ["--seed"] = (true, (n, v) => o.Seed = Number(n, v, 0)),
            ["--searches"] = (true, (n, v) => o.SearchesPerShape = Number(n, v, 1)),
            ["--search-warmup"] = (true, (n, v) => o.SearchWarmUp = Number(n, v, 0)),
            ["--stats-warm"] = (true, (n, v) => o.WarmCalls = Number(n, v, 1)),
            ["--year"] = (true, (n, v) => o.Year = Number(n, v, 2011)),
            ["--ready-timeout"] = (true, (n, v) => o.ReadyTimeoutSeconds = Number(n, v, 1)),
            ["--keep"] = (false, (_, _) => o.Keep = true),
            ["--reuse"] = (true, (_, v) => o.Reuse = v),
            ["--work-dir"] = (true, (_, v) => o.WorkDirectory = v),
            ["--repo"] = (true, (_, v) => o.RepoRoot = v),
            ["--host-dll"] = (true, (_, v) => o.HostDll = v),
            ["--out"] = (true, (_, v) => o.OutputPath = v),
            ["--dotnet"] = (true, (_, v) => o.DotnetPath = v),
            ["--help"] = (false, (_, _) => o.ShowHelp = true),
            ["-h"] = (false, (_, _) => o.ShowHelp = true),
        };

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!table.TryGetValue(name, out var option))
            {
                throw new ArgumentException($"Unknown option '{name}'.");
            }

            if (option.TakesValue && i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value.");
            }

            option.Set(name, option.TakesValue ? args[++i] : "");
        }

        if (o.Reuse is not null && o.WorkDirectory is not null)
        {
            throw new ArgumentException("--reuse names the folder to measure on; leave --work-dir out.");
        }

        return o;
    }

    private static int Number(string name, string value, int minimum)
    {
        var digits = value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum
            ? parsed
            : throw new ArgumentException($"{name} takes a whole number of at least {minimum}, not '{value}'.");
    }
}
