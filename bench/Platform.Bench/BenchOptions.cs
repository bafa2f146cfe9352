using System.Globalization;

namespace Platform.Bench;

/// <summary>Which load generator drives the throughput runs.</summary>
internal enum LoadKind
{
    Builtin,
    Wrk,
}

/// <summary>Settings of one benchmark run: environment variables first, then command-line arguments.</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        Usage: dotnet Platform.Bench.dll [options]   (or: bash bench/run.sh [options])

          --iterations N      cold starts per case (fresh database, migrated database, bare app)   [BENCH_ITERATIONS, 5]
          --warmup S          seconds of load before measuring                                      [BENCH_WARMUP, 20]
          --duration S        seconds of measured load per app                                      [BENCH_DURATION, 10]
          --concurrency N     concurrent workers / connections                                      [BENCH_CONCURRENCY, 32]
          --idle S            seconds idle after ready before reading VmRSS                         [BENCH_IDLE, 5]
          --load KIND         builtin (HttpClient) or wrk                                            [BENCH_LOAD, builtin]
          --ready-timeout S   give up on a start after this many seconds                             [BENCH_READY_TIMEOUT, 60]
          --host-env K=V      extra environment variable for the host (repeatable), for experiments,
                              e.g. --host-env OpenApi__Enabled=false --host-env DOTNET_gcServer=0     [BENCH_HOST_ENV, K=V;K=V]
          --repo PATH         repository root (default: found upwards from here)
          --host-dll PATH     default: <repo>/src/Host/bin/Release/net10.0/Platform.Host.dll
          --bare-dll PATH     default: <repo>/bench/Platform.Bench.Bare/bin/Release/net10.0/Platform.Bench.Bare.dll
          --out PATH          Markdown report (default: <repo>/bench/results/latest.md)
          --dotnet PATH       the dotnet executable that runs the apps (default: dotnet on PATH)
          --strict            exit 2 when a figure misses its aim
          --help
        """;

    public int Iterations { get; private set; } = 5;

    public int WarmUpSeconds { get; private set; } = 20;

    public int DurationSeconds { get; private set; } = 10;

    public int Concurrency { get; private set; } = 32;

    public int IdleSeconds { get; private set; } = 5;

    public LoadKind Load { get; private set; } = LoadKind.Builtin;

    public int ReadyTimeoutSeconds { get; private set; } = 60;

    public Dictionary<string, string> HostEnvironment { get; } = new(StringComparer.Ordinal);

    public string? RepoRoot { get; private set; }

    public string? HostDll { get; private set; }

    public string? BareDll { get; private set; }

    public string? OutputPath { get; private set; }

    public string DotnetPath { get; private set; } = "dotnet";

    public bool Strict { get; private set; }

    public bool ShowHelp { get; private set; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        options.ReadEnvironment();
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
                case "--iterations": options.Iterations = PositiveInt(name, Value()); break;
                case "--warmup": options.WarmUpSeconds = NonNegativeInt(name, Value()); break;
                case "--duration": options.DurationSeconds = PositiveInt(name, Value()); break;
                case "--concurrency": options.Concurrency = PositiveInt(name, Value()); break;
                case "--idle": options.IdleSeconds = NonNegativeInt(name, Value()); break;
                case "--load": options.Load = ParseLoad(Value()); break;
                case "--ready-timeout": options.ReadyTimeoutSeconds = PositiveInt(name, Value()); break;
                case "--host-env": options.AddHostEnvironment(Value()); break;
                case "--repo": options.RepoRoot = Value(); break;
                case "--host-dll": options.HostDll = Value(); break;
                case "--bare-dll": options.BareDll = Value(); break;
                case "--out": options.OutputPath = Value(); break;
                case "--dotnet": options.DotnetPath = Value(); break;
                case "--strict": options.Strict = true; break;
                case "--help" or "-h": options.ShowHelp = true; break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        return options;
    }

    private void ReadEnvironment()
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

        if (Env("BENCH_ITERATIONS") is { } iterations)
        {
            Iterations = PositiveInt("BENCH_ITERATIONS", iterations);
        }

        if (Env("BENCH_WARMUP") is { } warmUp)
        {
            WarmUpSeconds = NonNegativeInt("BENCH_WARMUP", warmUp);
        }

        if (Env("BENCH_DURATION") is { } duration)
        {
            DurationSeconds = PositiveInt("BENCH_DURATION", duration);
        }

        if (Env("BENCH_CONCURRENCY") is { } concurrency)
        {
            Concurrency = PositiveInt("BENCH_CONCURRENCY", concurrency);
        }

        if (Env("BENCH_IDLE") is { } idle)
        {
            IdleSeconds = NonNegativeInt("BENCH_IDLE", idle);
        }

        if (Env("BENCH_LOAD") is { } load)
        {
            Load = ParseLoad(load);
        }

        if (Env("BENCH_READY_TIMEOUT") is { } readyTimeout)
        {
            ReadyTimeoutSeconds = PositiveInt("BENCH_READY_TIMEOUT", readyTimeout);
        }

        if (Env("BENCH_HOST_ENV") is { } hostEnvironment)
        {
            foreach (var pair in hostEnvironment.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                AddHostEnvironment(pair);
            }
        }
    }

    private void AddHostEnvironment(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--host-env takes KEY=VALUE, not '{pair}'.");
        }

        HostEnvironment[pair[..equals]] = pair[(equals + 1)..];
    }

    private static LoadKind ParseLoad(string value) => value.ToUpperInvariant() switch
    {
        "BUILTIN" => LoadKind.Builtin,
        "WRK" => LoadKind.Wrk,
        _ => throw new ArgumentException($"--load is builtin or wrk, not '{value}'."),
    };

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} takes a whole number above 0, not '{value}'.");

    private static int NonNegativeInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ArgumentException($"{name} takes a whole number, not '{value}'.");
}
