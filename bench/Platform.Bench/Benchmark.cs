using System.Diagnostics;
using System.Net;

namespace Platform.Bench;

/// <summary>One timed start: process start to the "Now listening" line, and to the first 200 of the ready path.</summary>
internal sealed record StartSample(TimeSpan ToReady, TimeSpan? ToListening);

/// <summary>The timed starts of one case.</summary>
internal sealed record StartSeries(string Case, IReadOnlyList<StartSample> Samples)
{
    public TimeSpan Median => MedianOf(Samples.Select(s => s.ToReady));

    public TimeSpan Min => Samples.Min(s => s.ToReady);

    public TimeSpan? MedianToListening => Samples.All(s => s.ToListening is not null) ? MedianOf(Samples.Select(s => s.ToListening!.Value)) : null;

    private static TimeSpan MedianOf(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>One app under load: the measured window, memory before and after, and the body it served.</summary>
internal sealed record ThroughputRun(string App, LoadResult Load, CpuUse? Cpu, MemoryReading BeforeLoad, MemoryReading AfterLoad, string Body);

/// <summary>Everything the report shows.</summary>
internal sealed record BenchResult(
    BenchOptions Options,
    string HostDll,
    string LoadDescription,
    TimeSpan FirstStart,
    StartSeries Fresh,
    StartSeries Warm,
    StartSeries Bare,
    MemoryReading FreshIdle,
    MemoryReading WarmIdle,
    MemoryReading BareIdle,
    ThroughputRun HostLoad,
    ThroughputRun BareLoad,
    double BackgroundCoresBefore,
    double? LoadAverageBefore,
    double? LoadAverageAfter);

/// <summary>The phases of a run, in order: a priming start, the timed starts, then the two throughput runs.</summary>
internal sealed class Benchmark(BenchOptions options, string hostDll, string bareDll, CancellationToken cancellationToken)
{
    public const string ReadyPath = "/health/ready";
    public const string RegionPath = "/api/platform/regions/510700";

    private readonly Stopwatch clock = Stopwatch.StartNew();

    private TimeSpan ReadyTimeout => TimeSpan.FromSeconds(options.ReadyTimeoutSeconds);

    private TimeSpan StopGrace => cancellationToken.IsCancellationRequested ? TimeSpan.Zero : TimeSpan.FromSeconds(10);

    public async Task<BenchResult> RunAsync()
    {
        ILoadGenerator load = options.Load switch
        {
            LoadKind.Wrk when !WrkLoadGenerator.IsInstalled() =>
                throw new BenchFailureException("--load wrk, but wrk is not on PATH (apt-get update && apt-get install -y wrk), or use --load builtin."),
            LoadKind.Wrk => new WrkLoadGenerator(options.Concurrency, TimeSpan.FromSeconds(options.WarmUpSeconds), TimeSpan.FromSeconds(options.DurationSeconds)),
            _ => new BuiltinLoadGenerator(options.Concurrency, TimeSpan.FromSeconds(options.WarmUpSeconds), TimeSpan.FromSeconds(options.DurationSeconds)),
        };

        var loadAverageBefore = MachineLoad.LoadAverage();
        var probe = new MachineLoad();
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var background = probe.BusyCores();
        Log($"Background CPU before starting: {background:0.00} of {Environment.ProcessorCount} cores busy (2 s sample), 1-min load average {loadAverageBefore:0.00}");

        var warmData = NewDataFolder("warm");
        try
        {
            Log($"Priming: first host start on an empty folder (migrates and seeds the database the 'migrated' case restarts on), untimed");
            var (first, _) = await StartOnceAsync(HostSpec(warmData), readIdle: false);
            Log($"  ready after {first.ToReady.TotalMilliseconds:0} ms");

            var fresh = new List<StartSample>();
            var warm = new List<StartSample>();
            var bare = new List<StartSample>();
            MemoryReading? freshIdle = null, warmIdle = null, bareIdle = null;
            for (var i = 1; i <= options.Iterations; i++)
            {
                var last = i == options.Iterations;
                var freshData = NewDataFolder("fresh");
                try
                {
                    var (sample, idle) = await StartOnceAsync(HostSpec(freshData), readIdle: last);
                    fresh.Add(sample);
                    freshIdle = idle ?? freshIdle;
                }
                finally
                {
                    DeleteFolder(freshData);
                }

                var (warmSample, warmIdleReading) = await StartOnceAsync(HostSpec(warmData), readIdle: last);
                warm.Add(warmSample);
                warmIdle = warmIdleReading ?? warmIdle;

                var (bareSample, bareIdleReading) = await StartOnceAsync(BareSpec(), readIdle: last);
                bare.Add(bareSample);
                bareIdle = bareIdleReading ?? bareIdle;

                Log($"Start {i}/{options.Iterations}: fresh database {fresh[^1].ToReady.TotalMilliseconds:0} ms, migrated database {warm[^1].ToReady.TotalMilliseconds:0} ms, bare app {bare[^1].ToReady.TotalMilliseconds:0} ms"
                    + (last ? $"; idle VmRSS {freshIdle!.RssMb:0.0} / {warmIdle!.RssMb:0.0} / {bareIdle!.RssMb:0.0} MB" : string.Empty));
            }

            Log($"Throughput: {load.Description}, warm-up {options.WarmUpSeconds} s, measured {options.DurationSeconds} s");
            var hostLoad = await MeasureThroughputAsync(HostSpec(warmData), load);
            var bareLoad = await MeasureThroughputAsync(BareSpec(), load);

            return new BenchResult(
                options,
                hostDll,
                load.Description,
                first.ToReady,
                new StartSeries("fresh", fresh),
                new StartSeries("migrated", warm),
                new StartSeries("bare", bare),
                freshIdle!,
                warmIdle!,
                bareIdle!,
                hostLoad,
                bareLoad,
                background,
                loadAverageBefore,
                MachineLoad.LoadAverage());
        }
        finally
        {
            DeleteFolder(warmData);
        }
    }

    private AppSpec HostSpec(string dataFolder)
    {
        var environment = new Dictionary<string, string>(options.HostEnvironment, StringComparer.Ordinal)
        {
            ["Database__DataDirectory"] = dataFolder,
        };
        return new AppSpec("host", hostDll, ReadyPath, environment);
    }

    private AppSpec BareSpec() => new("bare", bareDll, RegionPath, new Dictionary<string, string>(StringComparer.Ordinal));

    private async Task<(StartSample Sample, MemoryReading? Idle)> StartOnceAsync(AppSpec spec, bool readIdle)
    {
        await using var server = ServerProcess.Start(options.DotnetPath, spec);
        try
        {
            var ready = await server.WaitReadyAsync(ReadyTimeout, cancellationToken);
            var listening = server.TimeToListening;
            MemoryReading? idle = null;
            if (readIdle)
            {
                await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken);
                idle = server.ReadMemory();
            }

            return (new StartSample(ready, listening), idle);
        }
        finally
        {
            await server.StopAsync(StopGrace);
        }
    }

    private async Task<ThroughputRun> MeasureThroughputAsync(AppSpec spec, ILoadGenerator load)
    {
        await using var server = ServerProcess.Start(options.DotnetPath, spec);
        try
        {
            await server.WaitReadyAsync(ReadyTimeout, cancellationToken);
            var uri = new Uri(server.BaseUri, RegionPath);
            var body = await FetchBodyAsync(uri);
            var before = server.ReadMemory();
            Func<TimeSpan> clientCpu = load is WrkLoadGenerator wrk ? () => wrk.ClientCpu : CpuWindow.OwnCpu;
            var window = new CpuWindow(() => server.CpuTime, clientCpu);
            var result = await load.RunAsync(uri, window, cancellationToken);
            var after = server.ReadMemory();
            var cpu = window.Result(result.Requests);
            Log($"  {spec.Name}: {result.RequestsPerSecond:N0} req/s (p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms), VmRSS {before.RssMb:0.0} MB before load, {after.RssMb:0.0} MB after"
                + (cpu is null ? string.Empty : $"; server {cpu.ServerCores:0.00} cores, {cpu.ServerMicrosecondsPerAnswer:0} µs CPU per answer, other work on the machine {cpu.OtherCores:0.00} cores")
                + (result.PerSecond is null ? string.Empty : $"; answers per second from the start of the warm-up: {string.Join(' ', result.PerSecond)}"));
            return new ThroughputRun(spec.Name, result, cpu, before, after, body);
        }
        finally
        {
            await server.StopAsync(StopGrace);
        }
    }

    private async Task<string> FetchBodyAsync(Uri uri)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchSecrets.BearerToken);
        using var response = await client.GetAsync(uri, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new BenchFailureException($"GET {uri} answered {(int)response.StatusCode}, not 200: {body}");
    }

    private static string NewDataFolder(string kind) => Directory.CreateTempSubdirectory($"platform-bench-{kind}-").FullName;

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException exception)
        {
            Console.Error.WriteLine($"  could not delete {folder}: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            Console.Error.WriteLine($"  could not delete {folder}: {exception.Message}");
        }
    }

    private void Log(string message) => Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
}
