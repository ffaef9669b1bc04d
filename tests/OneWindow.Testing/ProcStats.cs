using System.Globalization;

namespace OneWindow.Testing;

/// <summary>Linux /proc readings (benchmarks): load average, peak and current resident memory, CPU time of a process.</summary>
public static class ProcStats
{
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    /// <summary>A field of /proc/self/status in MB (VmHWM: peak resident set; VmRSS: current).</summary>
    public static double StatusMb(string field, string pid = "self")
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    /// <summary>User + system CPU seconds the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: state is field 3 (index 0 here); utime field 14, stime field 15.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>Measures a window's wall time and the CPU share (one core = 100%) of the given processes over it.</summary>
    public sealed class CpuWindow(params int[] pids)
    {
        private readonly double[] start = pids.Select(CpuSeconds).ToArray();
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();

        public TimeSpan Elapsed => clock.Elapsed;

        /// <summary>Percent of one core per process, in the order given.</summary>
        public double[] Percent() => pids.Select((p, i) => 100 * (CpuSeconds(p) - start[i]) / clock.Elapsed.TotalSeconds).ToArray();
    }
}
