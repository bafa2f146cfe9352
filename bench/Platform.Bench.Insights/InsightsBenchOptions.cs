using System.Globalization;

namespace Platform.Bench.Insights;

/// <summary>Settings of one run of the insights benchmark, from the command line.</summary>
internal sealed class InsightsBenchOptions
{
    public const string Usage = """
        Usage: dotnet Platform.Bench.Insights.dll [options]   (or: bash bench/insights.sh [options])

          --provider sqlite|postgres   database engine of the host                                      [sqlite]
          --pg CONNSTR                 PostgreSQL server; the run creates and drops bench_insights_<random>_* on it
                                       [BENCH_PG, Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres]
          --events N                   counted events loaded for the progress measurement (0: skip it)  [10000000]
          --outbox N                   TrainingCompleted messages in the training vouchers outbox for the
                                       catch-up (0: skip it)                                             [1000000]
          --consumer-batch N[,N…]      Outbox:ConsumerBatchSize of the host, one catch-up per value
                                       (each on a database of its own)                                 [10000,20000]
          --outbox-days N              the catch-up's trainings completed over the last N days           [365]
          --both-consumers             also a delivery to veteran_employment.training_completed per message
                                       (the host's other consumer of the event); default: Insights' only
          --profile-batches N          relay passes run in the bench process on the host's own code, with
                                       the time of each SQL command, before and after the host catches up
                                       (0: no profile)                                                   [5]
          --catch-up-timeout S         give up waiting for the catch-up after this many seconds          [3600]
          --batch N                    events generated and written per transaction / COPY              [50000]
          --rows-per-insert N          SQLite: rows per prepared INSERT statement (at most 999 parameters)  [4]
          --seed N                     random seed of the data                                          [20261128]
          --warm N                     warm calls per progress / comparison request                     [20]
          --ready-timeout S            give up on a host start after this many seconds                   [120]
          --keep                       keep the data folder / databases (their paths are printed)
          --reuse DIR                  measure progress again on a folder a --keep run left (no setup, no load)
          --work-dir DIR               where the data folders and state go (default: a new folder under the temp folder)
          --repo PATH                  repository root (default: found upwards from here)
          --host-dll PATH              default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --out PATH                   Markdown report (default: <repo>/bench/results/insights-<provider>.md)
          --dotnet PATH                the dotnet executable that runs the host (default: dotnet on PATH)
          --help
        """;

    public bool Postgres { get; private set; }

    public string PostgresServer { get; private set; } =
        Environment.GetEnvironmentVariable("BENCH_PG") is { Length: > 0 } pg ? pg : "Host=127.0.0.1;Port=5432;Username=platform;Password=platform;Database=postgres";

    public long Events { get; private set; } = 10_000_000;

    public int Outbox { get; private set; } = 1_000_000;

    public IReadOnlyList<int> ConsumerBatches { get; private set; } = [10000, 20000];

    public int OutboxDays { get; private set; } = 365;

    public bool BothConsumers { get; private set; }

    public int ProfileBatches { get; private set; } = 5;

    public int CatchUpTimeoutSeconds { get; private set; } = 3600;

    public int Batch { get; private set; } = 50_000;

    public int RowsPerInsert { get; private set; } = 4;

    public int Seed { get; private set; } = 20261128;

    public int WarmCalls { get; private set; } = 20;

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

    public static InsightsBenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new InsightsBenchOptions();
        var flags = new Dictionary<string, Action>(StringComparer.Ordinal)
        {
            ["--keep"] = () => o.Keep = true,
            ["--both-consumers"] = () => o.BothConsumers = true,
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
            ["--events"] = (n, v) => o.Events = Whole(n, v, 0, 1_000_000_000),
            ["--outbox"] = (n, v) => o.Outbox = (int)Whole(n, v, 0, 100_000_000),
            ["--consumer-batch"] = (n, v) => o.ConsumerBatches = v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => (int)Whole(n, part, 1, 1_000_000)).Distinct().ToArray() is { Length: > 0 } sizes ? sizes : throw new ArgumentException($"{n} needs at least one size."),
            ["--outbox-days"] = (n, v) => o.OutboxDays = (int)Whole(n, v, 1, 2000),
            ["--profile-batches"] = (n, v) => o.ProfileBatches = (int)Whole(n, v, 0, 1000),
            ["--catch-up-timeout"] = (n, v) => o.CatchUpTimeoutSeconds = (int)Whole(n, v, 1, int.MaxValue),
            ["--batch"] = (n, v) => o.Batch = (int)Whole(n, v, 1, 10_000_000),
            ["--rows-per-insert"] = (n, v) => o.RowsPerInsert = (int)Whole(n, v, 1, 999),
            ["--seed"] = (n, v) => o.Seed = (int)Whole(n, v, 0, int.MaxValue),
            ["--warm"] = (n, v) => o.WarmCalls = (int)Whole(n, v, 1, 100_000),
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
        var digits = value.Replace("_", "", StringComparison.Ordinal);
        if (name != "--consumer-batch")
        {
            digits = digits.Replace(",", "", StringComparison.Ordinal);
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= minimum && parsed <= maximum
            ? parsed
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} takes a whole number from {minimum:N0} to {maximum:N0}, not '{value}'."));
    }
}
