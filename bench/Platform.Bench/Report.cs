using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Bench;

/// <summary>Renders a run as Markdown: the aims table first, then the details behind each figure.</summary>
internal static class Report
{
    public const double ColdStartAimMs = 1500;
    public const double IdleRssAimMb = 150;
    public const double RatioAim = 0.50;

    public static bool AllMet(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Fresh.Median.TotalMilliseconds < ColdStartAimMs
            && result.Warm.Median.TotalMilliseconds < ColdStartAimMs
            && result.WarmIdle.RssMb < IdleRssAimMb
            && result.FreshIdle.RssMb < IdleRssAimMb
            && Ratio(result) >= RatioAim;
    }

    public static string Render(BenchResult result, string commit, IEnumerable<string> commandLine)
    {
        ArgumentNullException.ThrowIfNull(result);
        var o = result.Options;
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Line(string text = "") => sb.Append(text).Append('\n');

        Line(string.Create(c, $"# Platform host benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        Line();
        Line($"- Commit: {commit}");
        Line($"- Machine: {Machine()}");
        Line($"- Command: `{string.Join(' ', commandLine)}`");
        Line(string.Create(c, $"- Host: `{Relative(result.HostDll)}` (Release build), ASPNETCORE_ENVIRONMENT=Production, its appsettings.json, 127.0.0.1 only; extra host environment: {(o.HostEnvironment.Count == 0 ? "none" : string.Join(", ", o.HostEnvironment.Select(p => $"`{p.Key}={p.Value}`")))}"));
        Line(string.Create(c, $"- Starts: {o.Iterations} per case, clock from process start to the first 200 of `{Benchmark.ReadyPath}` (bare app: of the region path), polled every 10 ms; idle memory read {o.IdleSeconds} s after ready on the last start"));
        Line(string.Create(c, $"- Load: {result.LoadDescription}; `GET {Benchmark.RegionPath}`; warm-up {o.WarmUpSeconds} s, measured {o.DurationSeconds} s; only 200 answers count (anything else stops the run)"));
        Line(string.Create(c, $"- Background CPU before the run: {result.BackgroundCoresBefore:0.00} of {Environment.ProcessorCount} cores busy (2 s sample of /proc/stat); 1-min load average {Maybe(result.LoadAverageBefore)} before, {Maybe(result.LoadAverageAfter)} after"));
        var noisy = result.BackgroundCoresBefore > NoisyCores
            || new[] { result.HostLoad, result.BareLoad }.Any(r => r.Cpu is { } cpu && cpu.OtherCores > NoisyCores);
        if (noisy)
        {
            Line(string.Create(c, $"- **Warning: other work used the CPU during this run** (more than {NoisyCores:0.00} cores before the run or during a measured window, see the throughput details); start times and req/s are pessimistic and noisy. CPU per answer is the steadier throughput figure."));
        }

        foreach (var run in new[] { result.HostLoad, result.BareLoad })
        {
            if (run.Load.Trend is > WarmingTrend)
            {
                Line(string.Create(c, $"- **Warning: the {run.App} was still warming up while measured**: the last third of the window served {run.Load.Trend:0.00}× the answers per second of the first third (JIT tiering and dynamic PGO take seconds under load on this machine). Its req/s is not a steady-state figure; see the per-second series below and use a longer `--warmup` (e.g. 20) for one."));
            }
        }

        Line(string.Create(c, $"- **Caveat:** the load generator runs on the same {Environment.ProcessorCount} cores as the server, so absolute req/s are lower than with a separate client machine, and more so for the bare app, whose client needs about as much CPU as the server itself (see the load-generator column below). Server CPU per answer does not depend on how the cores are shared."));
        Line();
        Line("| Figure | Value | Aim | Met? |");
        Line("| --- | --- | --- | --- |");
        StartRow(sb, "Cold start to ready, fresh database (migrate + seed)", result.Fresh);
        StartRow(sb, "Cold start to ready, migrated database (normal restart)", result.Warm);
        MemoryRow(sb, "Idle working set, migrated database (VmRSS)", result.WarmIdle, o.IdleSeconds);
        MemoryRow(sb, "Idle working set, fresh database (VmRSS)", result.FreshIdle, o.IdleSeconds);
        Line(string.Create(c, $"| Throughput, host `GET {Benchmark.RegionPath}` | {result.HostLoad.Load.RequestsPerSecond:N0} req/s | — | — |"));
        Line(string.Create(c, $"| Throughput, bare minimal API, same JSON from memory | {result.BareLoad.Load.RequestsPerSecond:N0} req/s | — | — |"));
        Line(string.Create(c, $"| Throughput ratio host / bare | {Ratio(result) * 100:0.0} % | ≥ {RatioAim * 100:0} % | {Met(Ratio(result) >= RatioAim)} |"));
        if (result.HostLoad.Cpu is { } hostCpu && result.BareLoad.Cpu is { } bareCpu)
        {
            Line(string.Create(c, $"| Server CPU per answer, host / bare | {hostCpu.ServerMicrosecondsPerAnswer:0} µs / {bareCpu.ServerMicrosecondsPerAnswer:0} µs (ratio {bareCpu.ServerMicrosecondsPerAnswer / hostCpu.ServerMicrosecondsPerAnswer * 100:0.0} %) | — | — |"));
        }
        Line();
        Line("## Details");
        Line();
        Line("Cold starts, ms from process start to the \"Now listening\" log line / to the first 200:");
        Line();
        Line("| # | Host, fresh database | Host, migrated database | Bare app |");
        Line("| --- | --- | --- | --- |");
        for (var i = 0; i < result.Fresh.Samples.Count; i++)
        {
            Line(string.Create(c, $"| {i + 1} | {Sample(result.Fresh.Samples[i])} | {Sample(result.Warm.Samples[i])} | {Sample(result.Bare.Samples[i])} |"));
        }

        Line(string.Create(c, $"| median | {Median(result.Fresh)} | {Median(result.Warm)} | {Median(result.Bare)} |"));
        Line();
        Line(string.Create(c, $"First host start after the build (untimed priming run, cold disk cache, also migrated the database of the restart case): {result.FirstStart.TotalMilliseconds:0} ms."));
        Line();
        Line(string.Create(c, $"Idle VmRSS of the bare app ({o.IdleSeconds} s after ready), the floor for an ASP.NET Core app on this runtime: {result.BareIdle.RssMb:0.0} MB."));
        Line();
        Line("Throughput runs:");
        Line();
        Line("| App | Answers counted | req/s | p50 latency | p99 latency | VmRSS before load | VmRSS after load | peak VmRSS (VmHWM) |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var run in new[] { result.HostLoad, result.BareLoad })
        {
            Line(string.Create(c, $"| {run.App} | {run.Load.Requests:N0} in {run.Load.Measured.TotalSeconds:0.0} s | {run.Load.RequestsPerSecond:N0} | {run.Load.P50Ms:0.00} ms | {run.Load.P99Ms:0.00} ms | {run.BeforeLoad.RssMb:0.0} MB | {run.AfterLoad.RssMb:0.0} MB | {run.AfterLoad.PeakRssMb:0.0} MB |"));
        }

        Line();
        Line(string.Create(c, $"Where the {Environment.ProcessorCount} cores went during each measured window (cores busy on average; /proc/<pid>/stat and /proc/stat):"));
        Line();
        Line("| App | Server | Server CPU per answer | Load generator | Other work on the machine |");
        Line("| --- | --- | --- | --- | --- |");
        foreach (var run in new[] { result.HostLoad, result.BareLoad })
        {
            if (run.Cpu is { } cpu)
            {
                Line(string.Create(c, $"| {run.App} | {cpu.ServerCores:0.00} | {cpu.ServerMicrosecondsPerAnswer:0} µs | {cpu.ClientCores:0.00} | {cpu.OtherCores:0.00} |"));
            }
        }

        if (result.HostLoad.Load.PerSecond is not null && result.BareLoad.Load.PerSecond is not null)
        {
            Line();
            Line(string.Create(c, $"Answers per second, second by second from the start of the warm-up (the first {o.WarmUpSeconds} are the warm-up, not counted):"));
            Line();
            foreach (var run in new[] { result.HostLoad, result.BareLoad })
            {
                var series = run.Load.PerSecond!.Select((n, i) => i < run.Load.WarmUpSeconds ? $"({n.ToString("N0", c)})" : n.ToString("N0", c));
                var trend = run.Load.Trend is { } t ? string.Create(c, $" — last third / first third of the window: {t:0.00}×") : string.Empty;
                Line($"- {run.App}: {string.Join(" ", series)}{trend}");
            }
        }

        Line();
        Line(result.HostLoad.Body == result.BareLoad.Body
            ? $"Both apps answered the same body: `{result.HostLoad.Body}`"
            : $"The bodies differ: host `{result.HostLoad.Body}`, bare `{result.BareLoad.Body}`");
        Line();
        Line("MB = 1024 × 1024 bytes. VmRSS is the process's resident set (the dotnet muxer hosts the runtime in-process).");
        return sb.ToString();
    }

    private const double NoisyCores = 0.25;
    private const double WarmingTrend = 1.15;

    private static string Maybe(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";

    private static double Ratio(BenchResult result) => result.HostLoad.Load.RequestsPerSecond / result.BareLoad.Load.RequestsPerSecond;

    private static void StartRow(StringBuilder sb, string figure, StartSeries series) =>
        sb.Append(CultureInfo.InvariantCulture, $"| {figure} | {series.Median.TotalMilliseconds:0} ms median, {series.Min.TotalMilliseconds:0} ms min (n = {series.Samples.Count}) | < {ColdStartAimMs / 1000:0.0} s | {Met(series.Median.TotalMilliseconds < ColdStartAimMs)} |\n");

    private static void MemoryRow(StringBuilder sb, string figure, MemoryReading reading, int idleSeconds) =>
        sb.Append(CultureInfo.InvariantCulture, $"| {figure}, {idleSeconds} s idle after ready | {reading.RssMb:0.0} MB | < {IdleRssAimMb:0} MB | {Met(reading.RssMb < IdleRssAimMb)} |\n");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Sample(StartSample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"{(sample.ToListening is { } l ? l.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "?")} / {sample.ToReady.TotalMilliseconds:0}");

    private static string Median(StartSeries series) =>
        string.Create(CultureInfo.InvariantCulture, $"{(series.MedianToListening is { } l ? l.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) : "?")} / {series.Median.TotalMilliseconds:0}");

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string Machine()
    {
        var cpu = "unknown CPU";
        var memory = string.Empty;
        if (OperatingSystem.IsLinux())
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var total = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (total is not null)
            {
                var kb = long.Parse(new string(total.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
                memory = string.Create(CultureInfo.InvariantCulture, $", {kb / 1024.0 / 1024.0:0.0} GB RAM");
            }
        }

        return $"{cpu}, {Environment.ProcessorCount} logical cores{memory}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
