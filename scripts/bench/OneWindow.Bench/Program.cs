using System.Globalization;
using OneWindow.Bench;
using OneWindow.Testing;

// Usage: dotnet OneWindow.Bench.dll [--scale <factor>] [--repeat <n>]
// Starts its own Azurite (in memory, free ports). Each round measures every scenario on the runtime (one worker in this
// process, settings from host.json, a task hub per measurement) and, right after it, the scenario's storage bound.
// Prints every round, then the medians: throughput, ratio to the published target, ratio to the bound.
var scale = 1.0;
var repeat = 3;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--scale" && i + 1 < args.Length)
    {
        scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
    }
    else if (args[i] == "--repeat" && i + 1 < args.Length)
    {
        repeat = int.Parse(args[++i], CultureInfo.InvariantCulture);
    }
}

await using var azurite = await AzuriteEmulator.StartAsync();
var bound = new StorageBound(azurite.ConnectionString);
var runtime = new RuntimeBench(azurite.ConnectionString);

// Durable Functions' published per-instance targets (activities or events per second).
var sequential = new BenchScenario("sequential activities", Target: 5, Count: 100, Concurrency: 1, ExternalEvent: false);
var fanOut = new BenchScenario("fan-out", Target: 100, Count: 500, Concurrency: 16, ExternalEvent: false);
var fanIn = new BenchScenario("fan-in", Target: 150, Count: 500, Concurrency: 16, ExternalEvent: false);
var events = new BenchScenario("external events", Target: 50, Count: 300, Concurrency: 1, ExternalEvent: true);
var scenarios = new[] { sequential, fanOut, fanIn, events };
int Scaled(BenchScenario s) => Math.Max(10, (int)(s.Count * scale));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Azurite in memory, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, scale {scale}, {repeat} rounds"));

// Warm-up: JIT, connections, Azurite's first tables and queues.
await bound.MeasureAsync("warmup", 20, 4, false);
await runtime.SequentialAsync(5);

var measured = scenarios.ToDictionary(s => s, _ => new List<(double Runtime, double Bound)>());
async Task<double> Bound(BenchScenario s) => await bound.MeasureAsync(s.Name.Replace(' ', '-'), Scaled(s), s.Concurrency, s.ExternalEvent);
for (var round = 1; round <= repeat; round++)
{
    measured[sequential].Add((await runtime.SequentialAsync(Scaled(sequential)), await Bound(sequential)));
    var (fanOutRate, fanInRate) = await runtime.FanOutFanInAsync(Scaled(fanOut));
    measured[fanOut].Add((fanOutRate, await Bound(fanOut)));
    measured[fanIn].Add((fanInRate, await Bound(fanIn)));
    measured[events].Add((await runtime.ExternalEventsAsync(Scaled(events)), await Bound(events)));
    var line = string.Join("; ", scenarios.Select(s => FormattableString.Invariant($"{s.Name} {measured[s][^1].Runtime:F1}/s (bound {measured[s][^1].Bound:F1}/s)")));
    Console.WriteLine($"round {round}: {line}");
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

Console.WriteLine();
Console.WriteLine("medians:");
Console.WriteLine("scenario                 count  target/s  runtime/s  x target  bound/s  x bound");
foreach (var scenario in scenarios)
{
    var rate = Median(measured[scenario].Select(m => m.Runtime));
    var limit = Median(measured[scenario].Select(m => m.Bound));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Name,-24} {Scaled(scenario),5} {scenario.Target,9} {rate,10:F1} {rate / scenario.Target,9:F2} {limit,8:F1} {rate / limit,8:F2}"));
}
