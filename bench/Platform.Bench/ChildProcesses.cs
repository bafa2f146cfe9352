using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Bench;

/// <summary>
/// Every child process the harness started and has not yet seen exit, so that an interrupted or
/// failing run still ends them (the last resort is the process-exit hook).
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    public static void Track(Process process) => Live[process.Id] = process;

    public static void Forget(Process process) => Live.TryRemove(process.Id, out _);

    /// <summary>Kills every child still running; safe to call from any thread, more than once.</summary>
    public static void KillAll()
    {
        foreach (var (_, process) in Live)
        {
            Kill(process);
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Live.TryRemove(process.Id, out _);
        }
        catch (InvalidOperationException)
        {
            // Exited in between, or never started.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited in between.
        }
    }

    /// <summary>Asks a process to shut down as a service manager would (SIGTERM); false where that is not possible.</summary>
    public static bool RequestStop(Process process)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        try
        {
            return !process.HasExited && NativeMethods.Kill(process.Id, NativeMethods.SigTerm) == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>The one POSIX call .NET does not wrap: sending SIGTERM to a child.</summary>
internal static class NativeMethods
{
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
