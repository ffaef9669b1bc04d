using System.Collections.Concurrent;
using System.Globalization;

namespace OneWindow.ApplicationsBench;

/// <summary>Latencies and errors per route, reported as p50/p95/p99.</summary>
public sealed class LatencyLog
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> latencies = new();
    private readonly ConcurrentDictionary<string, int> errors = new();
    private readonly ConcurrentDictionary<string, string> lastError = new();

    public void Record(string route, TimeSpan elapsed, bool ok, string? error = null)
    {
        latencies.GetOrAdd(route, _ => []).Add(elapsed.TotalMilliseconds);
        if (!ok)
        {
            errors.AddOrUpdate(route, 1, (_, n) => n + 1);
            if (error is not null) lastError[route] = error;
        }
    }

    public int TotalErrors => errors.Values.Sum();

    public IEnumerable<string> Report()
    {
        yield return "route                                   requests    p50 ms    p95 ms    p99 ms   max ms  errors";
        foreach (var (route, bag) in latencies.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var sorted = bag.Order().ToArray();
            double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{route,-38} {sorted.Length,9} {P(0.50),9:F0} {P(0.95),9:F0} {P(0.99),9:F0} {sorted[^1],8:F0} {errors.GetValueOrDefault(route),7}");
            if (lastError.TryGetValue(route, out var e)) yield return "    last error: " + e;
        }
    }

    public double P95(string route)
    {
        var sorted = latencies[route].Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
    }

    public IEnumerable<string> Routes => latencies.Keys;
}
