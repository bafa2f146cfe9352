using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Bench;

/// <summary>
/// The measured window of one throughput run: 200 responses only. <see cref="PerSecond"/> holds the
/// answers completed in each second from the start of the warm-up, when the generator can tell.
/// </summary>
internal sealed record LoadResult(long Requests, TimeSpan Measured, double P50Ms, double P99Ms, IReadOnlyList<long>? PerSecond = null, int WarmUpSeconds = 0)
{
    public double RequestsPerSecond => Requests / Measured.TotalSeconds;

    /// <summary>
    /// Answers per second in the last third of the measured window over the first third; well above 1
    /// means the app was still warming up (JIT tiering) when measuring started.
    /// </summary>
    public double? Trend
    {
        get
        {
            if (PerSecond is null || PerSecond.Count - WarmUpSeconds < 3)
            {
                return null;
            }

            var window = PerSecond.Skip(WarmUpSeconds).ToArray();
            var third = window.Length / 3;
            var first = window.Take(third).Average();
            var last = window.Skip(window.Length - third).Average();
            return first == 0 ? null : last / first;
        }
    }
}

/// <summary>Drives one URL with a fixed number of concurrent connections: warm-up, then a measured window.</summary>
internal interface ILoadGenerator
{
    string Description { get; }

    Task<LoadResult> RunAsync(Uri uri, IMeasureWindow window, CancellationToken cancellationToken);
}

/// <summary>
/// HttpClient over one SocketsHttpHandler, <c>concurrency</c> workers each with its own kept-alive
/// connection, each sending the next request when the previous answer is read (closed loop).
/// A response counts when it completes inside the measured window; any non-200 or transport error
/// stops the run.
/// </summary>
internal sealed class BuiltinLoadGenerator(int concurrency, TimeSpan warmUp, TimeSpan duration) : ILoadGenerator
{
    public string Description => $"built-in HttpClient (SocketsHttpHandler, HTTP/1.1 keep-alive, {concurrency} closed-loop workers)";

    public async Task<LoadResult> RunAsync(Uri uri, IMeasureWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[concurrency];
        var tasks = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            workers[i] = new Worker((int)Math.Ceiling((warmUp + duration).TotalSeconds));
            var worker = workers[i];
            tasks[i] = Task.Run(() => worker.RunAsync(client, uri, start, measureFrom, measureTo, failed), CancellationToken.None);
        }

        var timing = MarkWindowAsync(window, measureFrom, measureTo, failed.Token);
        try
        {
            await Task.WhenAll(tasks);
            await timing;
        }
        catch (Exception) when (tasks.Any(t => t.IsFaulted))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = tasks.First(t => t.IsFaulted).Exception!.InnerException!;
            throw first as BenchFailureException ?? new BenchFailureException($"Load on {uri} failed: {first.GetType().Name}: {first.Message}");
        }

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        var seconds = workers[0].PerSecond.Length;
        var perSecond = Enumerable.Range(0, seconds).Select(i => workers.Sum(w => w.PerSecond[i])).ToArray();
        return new LoadResult(latencies.Length, duration, Percentile(latencies, 0.50), Percentile(latencies, 0.99), perSecond, (int)warmUp.TotalSeconds);
    }

    private static async Task MarkWindowAsync(IMeasureWindow window, long from, long to, CancellationToken cancellationToken)
    {
        await DelayUntilAsync(from, cancellationToken);
        window.Begin();
        await DelayUntilAsync(to, cancellationToken);
        window.End();
    }

    private static async Task DelayUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }
    }

    private static double Percentile(long[] sortedTicks, double quantile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Min(sortedTicks.Length - 1, Math.Ceiling(quantile * sortedTicks.Length) - 1);
        return sortedTicks[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
    }

    private sealed class Worker(int seconds)
    {
        private readonly byte[] buffer = new byte[8192];

        public List<long> Latencies { get; } = new(capacity: 65536);

        /// <summary>Answers completed in each second since the start of the warm-up.</summary>
        public long[] PerSecond { get; } = new long[seconds];

        public async Task RunAsync(HttpClient client, Uri uri, long start, long measureFrom, long measureTo, CancellationTokenSource failed)
        {
            try
            {
                while (true)
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (sent >= measureTo)
                    {
                        return;
                    }

                    using (var request = new HttpRequestMessage(HttpMethod.Get, uri) { Headers = { { "Authorization", "Bearer " + BenchSecrets.BearerToken } } })
                    using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, failed.Token))
                    {
                        if (response.StatusCode != HttpStatusCode.OK)
                        {
                            var text = await response.Content.ReadAsStringAsync(failed.Token);
                            throw new BenchFailureException(
                                $"GET {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}; only 200 counts, so the run stops. Body: {(text.Length > 300 ? text[..300] : text)}");
                        }

                        await using var body = await response.Content.ReadAsStreamAsync(failed.Token);
                        while (await body.ReadAsync(buffer, failed.Token) > 0)
                        {
                        }
                    }

                    var done = Stopwatch.GetTimestamp();
                    if (done >= measureFrom && done < measureTo)
                    {
                        Latencies.Add(done - sent);
                    }

                    var second = (done - start) / Stopwatch.Frequency;
                    if (second < PerSecond.Length)
                    {
                        PerSecond[second]++;
                    }
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }
    }
}

/// <summary>
/// wrk with a small Lua script that counts non-200 answers (wrk itself only reports non-2xx/3xx):
/// one wrk run for the warm-up, one for the measured window.
/// </summary>
internal sealed partial class WrkLoadGenerator(int concurrency, TimeSpan warmUp, TimeSpan duration) : ILoadGenerator
{
    private const string Script = """
        local threads = {}

        function setup(thread)
          table.insert(threads, thread)
        end

        function init(args)
          non200 = 0
        end

        function response(status, headers, body)
          if status ~= 200 then
            non200 = non200 + 1
          end
        end

        function done(summary, latency, requests)
          local bad = 0
          for _, t in ipairs(threads) do
            bad = bad + t:get("non200")
          end
          local e = summary.errors
          io.write(string.format("BENCH requests=%d duration_us=%d non200=%d connect=%d read=%d write=%d timeout=%d p50_us=%d p99_us=%d\n",
            summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
            latency:percentile(50), latency:percentile(99)))
        end
        """;

    private long clientCpuTicks;

    private int Threads => Math.Max(1, Math.Min(concurrency, Environment.ProcessorCount));

    /// <summary>CPU time of the current wrk run so far, polled every 100 ms while it runs (zero before it starts).</summary>
    public TimeSpan ClientCpu => TimeSpan.FromTicks(Interlocked.Read(ref clientCpuTicks));

    public string Description => $"wrk ({Threads} threads, {concurrency} connections, Lua status check)";

    public static bool IsInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, "wrk")));

    public async Task<LoadResult> RunAsync(Uri uri, IMeasureWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var script = Path.Combine(Path.GetTempPath(), $"platform-bench-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, Script, cancellationToken);
        try
        {
            if (warmUp > TimeSpan.Zero)
            {
                await RunWrkAsync(uri, script, warmUp, cancellationToken);
            }

            Interlocked.Exchange(ref clientCpuTicks, 0);
            window.Begin();
            var result = await RunWrkAsync(uri, script, duration, cancellationToken);
            window.End();
            return result;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private async Task<LoadResult> RunWrkAsync(Uri uri, string script, TimeSpan length, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(length.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo("wrk")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-t", Threads.ToString(CultureInfo.InvariantCulture), "-c", concurrency.ToString(CultureInfo.InvariantCulture), "-d", seconds + "s", "--timeout", "10s", "-H", "Authorization: Bearer " + BenchSecrets.BearerToken, "-s", script, uri.ToString() })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new BenchFailureException("wrk did not start.");
        ChildProcesses.Track(process);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(length + TimeSpan.FromSeconds(30));
            var exited = process.WaitForExitAsync(bound.Token);
            while (!exited.IsCompleted)
            {
                try
                {
                    process.Refresh();
                    Interlocked.Exchange(ref clientCpuTicks, process.TotalProcessorTime.Ticks);
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the read: keep the last sample.
                }

                await Task.WhenAny(exited, Task.Delay(100, CancellationToken.None));
            }

            await exited;
            var output = await stdout + await stderr;
            var match = ResultLine().Match(output);
            if (process.ExitCode != 0 || !match.Success)
            {
                throw new BenchFailureException($"wrk failed (exit {process.ExitCode}):{Environment.NewLine}{output}");
            }

            long Field(string name) => long.Parse(match.Groups[name].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            var errors = Field("connect") + Field("read") + Field("write") + Field("timeout");
            if (Field("non200") > 0 || errors > 0)
            {
                throw new BenchFailureException($"wrk on {uri}: {Field("non200")} non-200 answers and {errors} socket errors; only 200 counts, so the run stops.{Environment.NewLine}{output}");
            }

            return new LoadResult(Field("requests"), TimeSpan.FromMicroseconds(Field("duration")), Field("p50") / 1000.0, Field("p99") / 1000.0);
        }
        finally
        {
            ChildProcesses.Kill(process);
        }
    }

    [GeneratedRegex(@"BENCH requests=(?<requests>\d+) duration_us=(?<duration>\d+) non200=(?<non200>\d+) connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) timeout=(?<timeout>\d+) p50_us=(?<p50>\d+) p99_us=(?<p99>\d+)")]
    private static partial Regex ResultLine();
}
