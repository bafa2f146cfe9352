using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench;

/// <summary>The measured window of a load run, told to whoever accounts CPU over it.</summary>
internal interface IMeasureWindow
{
    void Begin();

    void End();
}

/// <summary>Where the CPU went during a measured window, in cores (1.0 = one core busy for the whole window).</summary>
internal sealed record CpuUse(double ServerCores, double ServerMicrosecondsPerAnswer, double ClientCores, double MachineCores, int Cores)
{
    /// <summary>Busy CPU that was neither the server nor (when known) the load generator: other work on the machine.</summary>
    public double OtherCores => Math.Max(0, MachineCores - ServerCores - ClientCores);
}

/// <summary>
/// Snapshots the server's CPU time (utime + stime of the child), the load generator's and the whole machine's busy time (/proc/stat) at the start and end of the window.
/// </summary>
internal sealed class CpuWindow(Func<TimeSpan> serverCpu, Func<TimeSpan> clientCpu) : IMeasureWindow
{
    private Snapshot begin;
    private Snapshot end;

    public void Begin() => begin = Take();

    public void End() => end = Take();

    public CpuUse? Result(long answers)
    {
        if (begin.Wall == 0 || end.Wall == 0)
        {
            return null;
        }

        var wall = Stopwatch.GetElapsedTime(begin.Wall, end.Wall).TotalSeconds;
        var server = (end.Server - begin.Server).TotalSeconds;
        var client = (end.Client - begin.Client).TotalSeconds / wall;
        var machineTotal = end.MachineTotal - begin.MachineTotal;
        var machine = machineTotal == 0 ? 0 : (double)(end.MachineBusy - begin.MachineBusy) / machineTotal * Environment.ProcessorCount;
        return new CpuUse(server / wall, answers == 0 ? double.NaN : server * 1e6 / answers, client, machine, Environment.ProcessorCount);
    }

    private Snapshot Take()
    {
        var (busy, total) = MachineTicks();
        return new Snapshot(Stopwatch.GetTimestamp(), serverCpu(), clientCpu(), busy, total);
    }

    /// <summary>CPU time of this process: the built-in load generator.</summary>
    public static TimeSpan OwnCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Busy and total jiffies of all CPUs from the first line of /proc/stat (zeros off Linux).</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        var line = File.ReadLines("/proc/stat").First();
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.Parse(f, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();

        // user nice system idle iowait irq softirq steal
        var idle = fields[3] + fields[4];
        var total = fields.Sum();
        return (total - idle, total);
    }

    private readonly record struct Snapshot(long Wall, TimeSpan Server, TimeSpan Client, long MachineBusy, long MachineTotal);
}

/// <summary>How busy the machine was over an interval, from /proc/stat: a check that nothing else competed.</summary>
internal sealed class MachineLoad
{
    private readonly (long Busy, long Total) start = CpuWindow.MachineTicks();

    /// <summary>Busy cores averaged since construction.</summary>
    public double BusyCores()
    {
        var (busy, total) = CpuWindow.MachineTicks();
        return total == start.Total ? 0 : (double)(busy - start.Busy) / (total - start.Total) * Environment.ProcessorCount;
    }

    /// <summary>The 1-minute load average, or null off Linux.</summary>
    public static double? LoadAverage() =>
        OperatingSystem.IsLinux()
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : null;
}
