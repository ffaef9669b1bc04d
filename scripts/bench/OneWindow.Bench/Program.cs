using System.Globalization;
using OneWindow.Bench;
using OneWindow.Testing;

// Usage: dotnet OneWindow.Bench.dll [--scale <factor>]
// Starts its own Azurite (in memory, free ports); for each scenario measures the runtime (one worker in this process,
// settings from host.json) and, in the same run, the storage bound; prints one line per scenario.
var scale = 1.0;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--scale" && i + 1 < args.Length)
    {
        scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
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
int Scaled(BenchScenario s) => Math.Max(10, (int)(s.Count * scale));

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Azurite in memory, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, scale {scale}"));
Console.WriteLine("scenario                 count  target/s  runtime/s  x target  bound/s  x bound");

// Warm-up: JIT, connections, Azurite's first tables and queues.
await bound.MeasureAsync("warmup", 20, 4, false);
await runtime.SequentialAsync(5);

var results = new List<(BenchScenario Scenario, int Count, double Runtime)>();
results.Add((sequential, Scaled(sequential), await runtime.SequentialAsync(Scaled(sequential))));
var (fanOutRate, fanInRate) = await runtime.FanOutFanInAsync(Scaled(fanOut));
results.Add((fanOut, Scaled(fanOut), fanOutRate));
results.Add((fanIn, Scaled(fanIn), fanInRate));
results.Add((events, Scaled(events), await runtime.ExternalEventsAsync(Scaled(events))));

foreach (var (scenario, count, measured) in results)
{
    var perSecond = await bound.MeasureAsync(scenario.Name.Replace(' ', '-'), count, scenario.Concurrency, scenario.ExternalEvent);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Name,-24} {count,5} {scenario.Target,9} {measured,10:F1} {measured / scenario.Target,9:F2} {perSecond,8:F1} {measured / perSecond,8:F2}"));
}
