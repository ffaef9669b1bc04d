using System.Globalization;
using OneWindow.Bench;
using OneWindow.Testing;

// Usage: dotnet OneWindow.Bench.dll [--scale <factor>]
// Starts its own Azurite (in memory, free ports) and prints one line per scenario.
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

// Durable Functions' published per-instance targets (activities or events per second).
var scenarios = new[]
{
    new BenchScenario("sequential activities", Target: 5, Count: 60, Concurrency: 1, ExternalEvent: false),
    new BenchScenario("fan-out", Target: 100, Count: 400, Concurrency: 16, ExternalEvent: false),
    new BenchScenario("fan-in", Target: 150, Count: 400, Concurrency: 16, ExternalEvent: false),
    new BenchScenario("external events", Target: 50, Count: 300, Concurrency: 1, ExternalEvent: true),
};

Console.WriteLine("scenario                 target/s   storage bound/s   bound/target");
foreach (var scenario in scenarios)
{
    var count = Math.Max(10, (int)(scenario.Count * scale));
    await bound.MeasureAsync("warmup", 10, scenario.Concurrency, scenario.ExternalEvent);
    var perSecond = await bound.MeasureAsync(scenario.Name.Replace(' ', '-'), count, scenario.Concurrency, scenario.ExternalEvent);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scenario.Name,-24} {scenario.Target,8} {perSecond,17:F1} {perSecond / scenario.Target,14:F2}"));
}
