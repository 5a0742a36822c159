using System.Diagnostics;
using System.Globalization;

namespace CcWallboard.LoadTests;

/// <summary>CPU time of a set of processes over a stretch of wall-clock time, as cores used (1.0 = one core busy throughout).</summary>
internal sealed class CpuMeter
{
    private readonly Dictionary<string, (int Pid, TimeSpan Cpu)> _start = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double _loadAtStart = LoadAverage();

    private CpuMeter()
    {
    }

    /// <summary>Starts measuring the named processes now.</summary>
    public static CpuMeter Start(IReadOnlyDictionary<string, int> processes)
    {
        var meter = new CpuMeter();
        foreach (var (name, pid) in processes)
        {
            meter._start[name] = (pid, CpuOf(pid));
        }
        return meter;
    }

    /// <summary>Cores each process used since the start, the elapsed time, and the 1-minute load average at the start and now.</summary>
    public CpuReading Read()
    {
        var elapsed = _clock.Elapsed;
        var cores = _start.ToDictionary(p => p.Key, p => (CpuOf(p.Value.Pid) - p.Value.Cpu) / elapsed, StringComparer.Ordinal);
        return new CpuReading(elapsed, cores, _loadAtStart, LoadAverage());
    }

    private static TimeSpan CpuOf(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    /// <summary>The 1-minute load average (/proc/loadavg).</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}

internal sealed record CpuReading(TimeSpan Elapsed, IReadOnlyDictionary<string, double> Cores, double LoadAtStart, double LoadAtEnd);
