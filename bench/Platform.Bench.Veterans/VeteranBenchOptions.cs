using System.Globalization;

namespace Platform.Bench.Veterans;

/// <summary>Settings of one run of the veteran employment benchmark, from the command line.</summary>
internal sealed class VeteranBenchOptions
{
    public const string Usage = """
        Usage: dotnet Platform.Bench.Veterans.dll [options]   (or: bash bench/veterans.sh [options])

          --provider sqlite|postgres   database engine of the host                                      [sqlite]
          --pg CONNSTR                 PostgreSQL server; the run creates and drops bench_veterans_<random> on it
                                       [BENCH_PG, Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres]
          --veterans N                 veterans to register                                              [1000000]
          --entries N                  ledger entries, about entries/veterans per veteran (1 to twice that)  [10000000]
          --batch N                    veterans generated and written per transaction / COPY             [20000]
          --rows-per-insert N          SQLite: rows per prepared INSERT statement (at most 999 parameters)  [4]
          --seed N                     random seed of the data and of the requests                       [20261127]
          --ledger-reads N             measured ledger reads (half today, half ?on=<past day>)          [1000]
          --ledger-warmup N            ledger reads before measuring                                     [100]
          --stats-warm N               warm statistics calls per region and day                          [5]
          --import-rows N              rows of the CSV ledger import (the module takes at most 100,000)  [100000]
          --ready-timeout S            give up on a host start after this many seconds                   [120]
          --keep                       keep the data folder / database (its path is printed) for experiments
          --reuse DIR                  measure again on a folder a --keep run left (no setup, no generation;
                                       the import of the earlier run stays in the data)
          --work-dir DIR               where the data folder and state go (default: a new folder under the temp folder)
          --repo PATH                  repository root (default: found upwards from here)
          --host-dll PATH              default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --out PATH                   Markdown report (default: <repo>/bench/results/veterans-<provider>.md)
          --dotnet PATH                the dotnet executable that runs the host (default: dotnet on PATH)
          --help
        """;

    public bool Postgres { get; private set; }

    public string PostgresServer { get; private set; } =
        Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } pg ? pg : "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres";

    public int Veterans { get; private set; } = 1_000_000;

    public long Entries { get; private set; } = 10_000_000;

    public int BatchVeterans { get; private set; } = 20_000;

    public int RowsPerInsert { get; private set; } = 4;

    public int Seed { get; private set; } = 20261127;

    public int LedgerReads { get; private set; } = 1_000;

    public int LedgerWarmUp { get; private set; } = 100;

    public int WarmCalls { get; private set; } = 5;

    public int ImportRows { get; private set; } = 100_000;

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

    public static VeteranBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new VeteranBenchOptions();
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
            ["--veterans"] = (n, v) => o.Veterans = (int)Whole(n, v, 1, int.MaxValue),
            ["--entries"] = (n, v) => o.Entries = Whole(n, v, 1, long.MaxValue),
            ["--batch"] = (n, v) => o.BatchVeterans = (int)Whole(n, v, 1, int.MaxValue),
            ["--rows-per-insert"] = (n, v) => o.RowsPerInsert = (int)Whole(n, v, 1, 999),
            ["--seed"] = (n, v) => o.Seed = (int)Whole(n, v, 0, int.MaxValue),
            ["--ledger-reads"] = (n, v) => o.LedgerReads = (int)Whole(n, v, 2, int.MaxValue),
            ["--ledger-warmup"] = (n, v) => o.LedgerWarmUp = (int)Whole(n, v, 0, int.MaxValue),
            ["--stats-warm"] = (n, v) => o.WarmCalls = (int)Whole(n, v, 1, int.MaxValue),
            ["--import-rows"] = (n, v) => o.ImportRows = (int)Whole(n, v, 0, 100_000),
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
