using System.Diagnostics;
using System.Globalization;

namespace OneWindow.Bench;

/// <summary>One scenario's result: items per second; checked outputs throw before a number is returned.</summary>
// EventsWithRead: (a) only, the events scenario again with a status read before each raise (NaN on (b)).
internal sealed record ScenarioRates(double Sequential, double FanOut, double FanIn, double Events, double EventsWithRead);

/// <summary>
/// Durable Functions' per-instance scenarios, driven the same way on either engine. Completion is observed by polling
/// the instance every 20 ms. Every output is checked; a wrong one throws <see cref="BenchCheckException"/>.
/// </summary>
internal static class Scenarios
{
    public const int SequentialCount = 100;
    public const int FanCount = 500;
    public const int EventCount = 300;

    public static async Task<ScenarioRates> RunAllAsync(IBenchEngine engine, double scale = 1)
    {
        int Scaled(int n) => Math.Max(5, (int)(n * scale));
        var sequential = await SequentialAsync(engine, Scaled(SequentialCount)).ConfigureAwait(false);
        var (fanOut, fanIn) = await FanAsync(engine, Scaled(FanCount)).ConfigureAwait(false);
        var events = await EventsAsync(engine, Scaled(EventCount)).ConfigureAwait(false);
        var eventsWithRead = double.NaN;
        if (engine is BareDtfx bare)
        {
            bare.ReadStatusBeforeRaise = true;
            eventsWithRead = await EventsAsync(engine, Scaled(EventCount)).ConfigureAwait(false);
            bare.ReadStatusBeforeRaise = false;
        }

        return new ScenarioRates(sequential, fanOut, fanIn, events, eventsWithRead);
    }

    /// <summary>One instance calls <paramref name="count"/> activities one after another: count / (start request → completed).</summary>
    public static async Task<double> SequentialAsync(IBenchEngine engine, int count)
    {
        var clock = Stopwatch.StartNew();
        var id = await engine.ScheduleAsync(Names.Sequential, count).ConfigureAwait(false);
        var output = await CompletedAsync(engine, id).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Check(output == count, $"{engine.Label} sequential output {output}, expected {count}");
        return count / elapsed.TotalSeconds;
    }

    /// <summary>
    /// One instance schedules <paramref name="count"/> activities at once. Fan-out: count / (start request → the last
    /// activity has run). The orchestration's first result (outside replay) holds its work item until then, so all
    /// results wait in the control queue; fan-in: count / (release → completed). Output: the sum of 0..count-1.
    /// </summary>
    public static async Task<(double FanOut, double FanIn)> FanAsync(IBenchEngine engine, int count)
    {
        Probe.ResetFan(count);
        try
        {
            var clock = Stopwatch.StartNew();
            var id = await engine.ScheduleAsync(Names.Fan, count).ConfigureAwait(false);
            await Probe.FanAllRan.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            var fanOut = clock.Elapsed;
            Probe.ReleaseFanIn();
            var output = await CompletedAsync(engine, id).ConfigureAwait(false);
            var fanIn = clock.Elapsed - fanOut;
            Check(output == count * (count - 1) / 2, $"{engine.Label} fan-in sum {output}, expected {count * (count - 1) / 2}");
            return (count / fanOut.TotalSeconds, count / fanIn.TotalSeconds);
        }
        finally
        {
            Probe.ReleaseFanIn();
        }
    }

    /// <summary>One instance waits for <paramref name="count"/> events one after another; the client raises them back to
    /// back once the instance runs: count / (first raise → completed). Output: the sum of the payloads 0..count-1.</summary>
    public static async Task<double> EventsAsync(IBenchEngine engine, int count)
    {
        var id = await engine.ScheduleAsync(Names.Listen, count).ConfigureAwait(false);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await engine.GetAsync(id).ConfigureAwait(false)).Status != "Running")
        {
            Check(DateTime.UtcNow < deadline, $"{engine.Label} {id} running within a minute");
            await Task.Delay(20).ConfigureAwait(false);
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await engine.RaiseAsync(id, Names.Event, i).ConfigureAwait(false);
        }

        var output = await CompletedAsync(engine, id).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Check(output == count * (count - 1) / 2, $"{engine.Label} events sum {output}, expected {count * (count - 1) / 2}");
        return count / elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances that complete at once (8 client tasks issue the starts):
    /// count / (first start request → every instance completed).
    /// </summary>
    public static async Task<double> StartRateAsync(IBenchEngine engine, int count, string prefix)
    {
        Probe.ResetStarts(count);
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}").ToArray();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await engine.ScheduleAsync(Names.Hello, 1, id).ConfigureAwait(false)).ConfigureAwait(false);
        await Probe.AllStarted.WaitAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            Check(await CompletedAsync(engine, id).ConfigureAwait(false) == 1, $"{engine.Label} {id} output")).ConfigureAwait(false);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Starts <paramref name="count"/> instances that each wait on a 5-day timer; returns once all have run
    /// their first execution (and the time it took).</summary>
    public static async Task<TimeSpan> StartWaitingAsync(IBenchEngine engine, int count, Action<string> progress)
    {
        Probe.ResetStarts(count);
        var clock = Stopwatch.StartNew();
        var scheduled = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            await engine.ScheduleAsync(Names.Wait, i, $"wait-{i:D6}").ConfigureAwait(false);
            if (Interlocked.Increment(ref scheduled) % 1000 == 0)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"{scheduled} waiting instances scheduled, {Probe.Started} running, {clock.Elapsed.TotalSeconds:F0} s"));
            }
        }).ConfigureAwait(false);
        while (!Probe.AllStarted.IsCompleted)
        {
            await Task.WhenAny(Probe.AllStarted, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            progress(string.Create(CultureInfo.InvariantCulture, $"{Probe.Started} of {count} waiting instances running, {clock.Elapsed.TotalSeconds:F0} s"));
            Check(clock.Elapsed < TimeSpan.FromMinutes(30), $"{engine.Label}: {count} waiting instances running within 30 minutes");
        }

        return clock.Elapsed;
    }

    private static async Task<int> CompletedAsync(IBenchEngine engine, string id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var (status, output) = await engine.GetAsync(id).ConfigureAwait(false);
            if (status is "Completed")
            {
                return int.Parse(output ?? "null", CultureInfo.InvariantCulture);
            }

            Check(status is "Pending" or "Running" or "Missing", $"{engine.Label} {id} ended {status}: {output}");
            Check(DateTime.UtcNow < deadline, $"{engine.Label} {id} completes within 5 minutes (still {status})");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new BenchCheckException("BENCHMARK CHECK FAILED: " + what);
        }
    }
}

internal sealed class BenchCheckException(string message) : Exception(message);
