using System.Diagnostics;
using System.Runtime.InteropServices;
using Platform.Bench;

// Benchmark harness (not a test): start-up, idle memory and throughput of the built host on
// 127.0.0.1, against a bare minimal API. Progress goes to stderr, the Markdown report to stdout and
// bench/results/latest.md. Exit codes: 0 done, 1 failed, 2 an aim missed under --strict, 64 bad
// arguments, 130 interrupted.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

using var interrupted = new CancellationTokenSource();
void OnSignal(PosixSignalContext context)
{
    if (interrupted.IsCancellationRequested)
    {
        // A second signal: no more waiting, the process-exit hook still kills the children.
        return;
    }

    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping the apps and exiting.");
    interrupted.Cancel();
}

using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var onHup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
AppDomain.CurrentDomain.ProcessExit += (_, _) => ChildProcesses.KillAll();

try
{
    var repo = Paths.FindRepo(options.RepoRoot);
    var hostDll = Path.GetFullPath(options.HostDll ?? Path.Combine(repo, "src", "Host", "bin", "Release", "net10.0", "Platform.Host.dll"));
    var bareDll = Path.GetFullPath(options.BareDll ?? Path.Combine(repo, "bench", "Platform.Bench.Bare", "bin", "Release", "net10.0", "Platform.Bench.Bare.dll"));
    var output = Path.GetFullPath(options.OutputPath ?? Path.Combine(repo, "bench", "results", "latest.md"));

    var result = await new Benchmark(options, hostDll, bareDll, interrupted.Token).RunAsync();
    var markdown = Report.Render(result, Paths.Commit(repo), ["dotnet", "Platform.Bench.dll", .. args]);
    Console.WriteLine(markdown);
    Directory.CreateDirectory(Path.GetDirectoryName(output)!);
    await File.WriteAllTextAsync(output, markdown, CancellationToken.None);
    Console.Error.WriteLine($"Report written to {output}");
    return options.Strict && !Report.AllMet(result) ? 2 : 0;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted: no report written.");
    return 130;
}
catch (BenchFailureException exception)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {exception.Message}");
    return 1;
}
finally
{
    ChildProcesses.KillAll();
}

/// <summary>Where the repository is and which commit it is on.</summary>
internal static class Paths
{
    public static string FindRepo(string? given)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "src", "Host", "Platform.Host.csproj")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new BenchFailureException("Cannot find the repository (no src/Host/Platform.Host.csproj above here); pass --repo.");
    }

    public static string Commit(string repo)
    {
        try
        {
            var head = Git(repo, "rev-parse", "--short", "HEAD");
            var dirty = Git(repo, "status", "--porcelain", "--untracked-files=no");
            return string.IsNullOrWhiteSpace(head) ? "unknown" : head.Trim() + (string.IsNullOrWhiteSpace(dirty) ? string.Empty : " (with uncommitted changes)");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown (no git)";
        }
    }

    private static string Git(string repo, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-C");
        info.ArgumentList.Add(repo);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            return string.Empty;
        }

        return process.ExitCode == 0 ? text : string.Empty;
    }
}
