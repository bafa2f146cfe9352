using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Bench;

/// <summary>What to launch: a framework-dependent app's dll, run by dotnet from its own folder.</summary>
internal sealed record AppSpec(string Name, string DllPath, string ReadyPath, IReadOnlyDictionary<string, string> Environment);

/// <summary>Resident memory of a process from /proc/&lt;pid&gt;/status, in kB.</summary>
internal sealed record MemoryReading(long RssKb, long PeakRssKb)
{
    public double RssMb => RssKb / 1024.0;

    public double PeakRssMb => PeakRssKb / 1024.0;
}

/// <summary>Thrown for anything that makes a figure meaningless: a crash, a timeout, a non-200.</summary>
internal sealed class BenchFailureException(string message) : Exception(message);

/// <summary>One launched app on 127.0.0.1: start timing, readiness, memory, stop.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private readonly Process process;
    private readonly Queue<string> tail = new();
    private readonly long startTimestamp;
    private long listeningTimestamp;

    private ServerProcess(AppSpec spec, Process process, int port, long startTimestamp)
    {
        Spec = spec;
        this.process = process;
        Port = port;
        this.startTimestamp = startTimestamp;
    }

    public AppSpec Spec { get; }

    public int Port { get; }

    public int Pid => process.Id;

    /// <summary>User plus system CPU time the app has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>From process start to the "Now listening on" log line, when the app logged one.</summary>
    public TimeSpan? TimeToListening
    {
        get
        {
            var seen = Interlocked.Read(ref listeningTimestamp);
            return seen == 0 ? null : Stopwatch.GetElapsedTime(startTimestamp, seen);
        }
    }

    /// <summary>Starts the app with <paramref name="dotnet"/> on a free loopback port; the clock starts here.</summary>
    public static ServerProcess Start(string dotnet, AppSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!File.Exists(spec.DllPath))
        {
            throw new BenchFailureException($"{spec.Name}: {spec.DllPath} does not exist. Build it first (bash bench/run.sh builds everything in Release).");
        }

        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = Path.GetDirectoryName(spec.DllPath)!,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(spec.DllPath);

        // Only our address: nothing inherited may add another endpoint.
        foreach (var inherited in new[] { "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "DOTNET_HTTP_PORTS", "DOTNET_HTTPS_PORTS" })
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in BenchSecrets.HostEnvironment)
        {
            info.Environment[key] = value;
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = Stopwatch.GetTimestamp();
        if (!process.Start())
        {
            throw new BenchFailureException($"{spec.Name}: the process did not start.");
        }

        ChildProcesses.Track(process);
        var server = new ServerProcess(spec, process, port, started);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Polls <see cref="AppSpec.ReadyPath"/> every 10 ms until it answers 200 and returns the time
    /// from process start to that answer.
    /// </summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        var uri = new Uri(BaseUri, Spec.ReadyPath);
        var last = "no answer yet";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BenchFailureException($"{Spec.Name} exited with code {process.ExitCode} before it was ready.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await client.GetAsync(uri, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(startTimestamp);
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "request timed out";
            }

            if (Stopwatch.GetElapsedTime(startTimestamp) > timeout)
            {
                throw new BenchFailureException($"{Spec.Name} was not ready at {uri} within {timeout.TotalSeconds:0} s (last: {last}).{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>VmRSS and VmHWM of the app's process (the dotnet muxer hosts the runtime in-process).</summary>
    public MemoryReading ReadMemory()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new BenchFailureException("Memory figures read /proc/<pid>/status and need Linux.");
        }

        long rss = -1, peak = -1;
        foreach (var line in File.ReadLines($"/proc/{Pid.ToString(CultureInfo.InvariantCulture)}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = ParseKb(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = ParseKb(line);
            }
        }

        return rss < 0 ? throw new BenchFailureException($"{Spec.Name}: no VmRSS in /proc/{Pid}/status.") : new MemoryReading(rss, peak);
    }

    /// <summary>Sends SIGTERM and waits up to <paramref name="grace"/> for a clean exit, then kills.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!process.HasExited && grace > TimeSpan.Zero && ChildProcesses.RequestStop(process))
            {
                using var wait = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine($"  {Spec.Name} (pid {Pid}) did not stop within {grace.TotalSeconds:0} s of SIGTERM: killing it.");
                }
            }
        }
        finally
        {
            ChildProcesses.Kill(process);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"  {Spec.Name} (pid {Pid}) still running 10 s after SIGKILL.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero);
        process.Dispose();
    }

    /// <summary>The last lines the app wrote, for error messages.</summary>
    public string Tail()
    {
        lock (tail)
        {
            return tail.Count == 0 ? "(the app wrote nothing)" : "Last output:" + Environment.NewLine + string.Join(Environment.NewLine, tail.Select(l => "  | " + l));
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (Interlocked.Read(ref listeningTimestamp) == 0 && line.Contains("Now listening on", StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref listeningTimestamp, Stopwatch.GetTimestamp(), 0);
        }

        lock (tail)
        {
            tail.Enqueue(line.Length > 400 ? line[..400] + "…" : line);
            while (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }

    private static long ParseKb(string line)
    {
        var digits = new string(line.Where(char.IsAsciiDigit).ToArray());
        return long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
