using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OneWindow.Bench;
using OneWindow.Hosting.Durable;
using OneWindow.Testing;

// Usage (scripts/bench/durable.sh builds Release and runs this):
//   dotnet OneWindow.Bench.dll [--repeat 3] [--scale 1]            the four per-instance scenarios, (a) bare DTFx vs (b) OneWindow
//   dotnet OneWindow.Bench.dll --tune [--repeat 3]                 host.json settings one at a time on (b)
//   dotnet OneWindow.Bench.dll --waiting 5000 [--starts 200]       start rate with N instances on long timers, and VmHWM
// Starts its own Azurite (in memory, free ports; stopped at exit). Settings: the repository's host.json durableTask
// section for both engines, a fresh task hub per engine run (deleted after it).
var arguments = Arguments.Parse(args);
if (arguments.Child)
{
    return await WaitingMode.ChildAsync(arguments).ConfigureAwait(false);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {ProcStats.LoadAverage()}"));
await using var azurite = await AzuriteEmulator.StartAsync().ConfigureAwait(false);
Console.WriteLine($"Azurite in memory, pid {azurite.Process.Id}, table port {azurite.TablePort}");
try
{
    if (arguments.Waiting > 0)
    {
        return await WaitingMode.ParentAsync(arguments, azurite).ConfigureAwait(false);
    }

    return arguments.Tune
        ? await TuneMode.RunAsync(arguments, azurite).ConfigureAwait(false)
        : await ScenarioMode.RunAsync(arguments, azurite).ConfigureAwait(false);
}
catch (BenchCheckException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

internal sealed record Arguments(int Repeat, double Scale, bool Tune, int Waiting, int Starts, bool Child, string Engine, string Connection, int AzuritePid)
{
    public static Arguments Parse(string[] args)
    {
        var a = new Arguments(3, 1, false, 0, 200, false, "b", "", 0);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            a = args[i] switch
            {
                "--repeat" => a with { Repeat = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--scale" => a with { Scale = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--tune" => a with { Tune = true },
                "--waiting" => a with { Waiting = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--starts" => a with { Starts = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--child" => a with { Child = true },
                "--engine" => a with { Engine = Next() },
                "--connection" => a with { Connection = Next() },
                "--azurite-pid" => a with { AzuritePid = int.Parse(Next(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown argument {args[i]}"),
            };
        }

        return a;
    }
}

/// <summary>Creates an engine on a fresh task hub with the host.json settings plus overrides.</summary>
internal static class Engines
{
    public static IBenchEngine Create(string kind, string connectionString, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var hub = LocalStack.UniqueName("bench" + kind);
        var configuration = OneWindowEngine.Configure(connectionString, hub, overrides ?? new Dictionary<string, string?>());
        return kind switch
        {
            "a" => new BareDtfx(connectionString, DurableEngineServiceCollectionExtensions.ReadOptions(configuration)),
            "b" => new OneWindowEngine(connectionString, configuration),
            _ => throw new ArgumentException($"engine {kind}: a or b"),
        };
    }

    public static string Describe(IReadOnlyDictionary<string, string?>? overrides = null) =>
        OneWindowEngine.Describe(DurableEngineServiceCollectionExtensions.ReadOptions(
            OneWindowEngine.Configure("UseDevelopmentStorage=true", "describe", overrides ?? new Dictionary<string, string?>())));

    /// <summary>Starts an engine, runs <paramref name="body"/>, stops it and deletes its hub.</summary>
    public static async Task<T> RunAsync<T>(string kind, string connectionString, IReadOnlyDictionary<string, string?>? overrides, Func<IBenchEngine, Task<T>> body)
    {
        await using var engine = Create(kind, connectionString, overrides);
        await engine.StartAsync().ConfigureAwait(false);
        try
        {
            return await body(engine).ConfigureAwait(false);
        }
        finally
        {
            await engine.StopAsync().ConfigureAwait(false);
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>(a) and (b) side by side, alternating which goes first each round.</summary>
internal static class ScenarioMode
{
    // Durable Functions' published per-instance targets.
    public static readonly (string Name, double Target, int Count, Func<ScenarioRates, double> Rate)[] Table =
    [
        ("sequential activities", 5, Scenarios.SequentialCount, r => r.Sequential),
        ("fan-out", 100, Scenarios.FanCount, r => r.FanOut),
        ("fan-in", 150, Scenarios.FanCount, r => r.FanIn),
        ("external events", 50, Scenarios.EventCount, r => r.Events),
    ];

    public static async Task<int> RunAsync(Arguments arguments, AzuriteEmulator azurite)
    {
        Console.WriteLine($"settings (both engines): {Engines.Describe()}");
        Console.WriteLine("warm-up (JIT, connections): both engines at scale 0.1");
        foreach (var kind in new[] { "a", "b" })
        {
            await Engines.RunAsync(kind, azurite.ConnectionString, null, e => Scenarios.RunAllAsync(e, 0.1)).ConfigureAwait(false);
        }

        var results = new Dictionary<string, List<ScenarioRates>> { ["a"] = [], ["b"] = [] };
        for (var round = 1; round <= arguments.Repeat; round++)
        {
            foreach (var kind in round % 2 == 1 ? new[] { "a", "b" } : ["b", "a"])
            {
                var cpu = new ProcStats.CpuWindow(azurite.Process.Id, Environment.ProcessId);
                var rates = await Engines.RunAsync(kind, azurite.ConnectionString, null, e => Scenarios.RunAllAsync(e, arguments.Scale)).ConfigureAwait(false);
                var percent = cpu.Percent();
                results[kind].Add(rates);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} ({kind}): sequential {rates.Sequential:F1}/s, fan-out {rates.FanOut:F1}/s, fan-in {rates.FanIn:F1}/s, events {rates.Events:F1}/s{(kind == "a" ? $" (with a status read per raise {rates.EventsWithRead:F1}/s)" : "")}; {cpu.Elapsed.TotalSeconds:F0} s, CPU azurite {percent[0]:F0}% bench {percent[1]:F0}%, load {ProcStats.LoadAverage()}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"medians of {arguments.Repeat} rounds (items/s), load average {ProcStats.LoadAverage()}:"));
        Console.WriteLine("| Scenario | Count | Target/s | (a) bare DTFx/s | (b) OneWindow/s | (b)/(a) | (a) × target | (b) × target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, target, count, rate) in Table)
        {
            var a = Engines.Median(results["a"].Select(rate));
            var b = Engines.Median(results["b"].Select(rate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Math.Max(5, (int)(count * arguments.Scale))} | {target} | {a:F1} | {b:F1} | {b / a:P0} | {a / target:F1} | {b / target:F1} |"));
        }

        var aRead = Engines.Median(results["a"].Select(r => r.EventsWithRead));
        var bEvents = Engines.Median(results["b"].Select(r => r.Events));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| external events, (a) reading the status before each raise as (b) and Durable Functions do | {Math.Max(5, (int)(Scenarios.EventCount * arguments.Scale))} | 50 | {aRead:F1} | {bEvents:F1} | {bEvents / aRead:P0} | {aRead / 50:F1} | {bEvents / 50:F1} |"));

        return 0;
    }
}

/// <summary>host.json settings one at a time on (b), each against the baseline (the repository's host.json), rotating the order per round.</summary>
internal static class TuneMode
{
    private static readonly (string Name, Dictionary<string, string?> Overrides)[] Variants =
    [
        ("baseline (host.json)", []),
        ("maxConcurrentActivityFunctions 10 (DTFx default)", new() { ["maxConcurrentActivityFunctions"] = "10" }),
        ("maxConcurrentActivityFunctions 20 (DF default, 10 x 2 cores)", new() { ["maxConcurrentActivityFunctions"] = "20" }),
        ("maxConcurrentActivityFunctions 100", new() { ["maxConcurrentActivityFunctions"] = "100" }),
        ("maxConcurrentOrchestratorFunctions 5", new() { ["maxConcurrentOrchestratorFunctions"] = "5" }),
        ("maxConcurrentOrchestratorFunctions 100", new() { ["maxConcurrentOrchestratorFunctions"] = "100" }),
        ("extendedSessionsEnabled false", new() { ["extendedSessionsEnabled"] = "false" }),
        ("partitionCount 1", new() { ["storageProvider:partitionCount"] = "1" }),
        ("partitionCount 16", new() { ["storageProvider:partitionCount"] = "16" }),
        ("maxQueuePollingInterval 00:00:30 (DF default)", new() { ["storageProvider:maxQueuePollingInterval"] = "00:00:30" }),
        ("maxQueuePollingInterval 00:00:00.1", new() { ["storageProvider:maxQueuePollingInterval"] = "00:00:00.1" }),
    ];

    public static async Task<int> RunAsync(Arguments arguments, AzuriteEmulator azurite)
    {
        Console.WriteLine($"baseline: {Engines.Describe()}");
        await Engines.RunAsync("b", azurite.ConnectionString, null, e => Scenarios.RunAllAsync(e, 0.1)).ConfigureAwait(false);
        var results = Variants.ToDictionary(v => v.Name, _ => new List<ScenarioRates>());
        for (var round = 1; round <= arguments.Repeat; round++)
        {
            var order = Variants.Skip(round - 1).Concat(Variants.Take(round - 1)).ToArray();
            foreach (var (name, overrides) in order)
            {
                var rates = await Engines.RunAsync("b", azurite.ConnectionString, overrides, e => Scenarios.RunAllAsync(e, arguments.Scale)).ConfigureAwait(false);
                results[name].Add(rates);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} {name}: sequential {rates.Sequential:F1}/s, fan-out {rates.FanOut:F1}/s, fan-in {rates.FanIn:F1}/s, events {rates.Events:F1}/s, load {ProcStats.LoadAverage()}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) medians of {arguments.Repeat} rounds, items/s (× baseline), load average {ProcStats.LoadAverage()}:"));
        Console.WriteLine("| Setting | sequential | fan-out | fan-in | events |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var baseline = results[Variants[0].Name];
        foreach (var (name, _) in Variants)
        {
            var cells = ScenarioMode.Table.Select(s =>
            {
                var value = Engines.Median(results[name].Select(s.Rate));
                var reference = Engines.Median(baseline.Select(s.Rate));
                return string.Create(CultureInfo.InvariantCulture, $"{value:F1} ({value / reference:F2}×)");
            });
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        return 0;
    }
}

/// <summary>
/// Instance-start rate with N instances waiting on 5-day timers vs none, and the peak memory with them: each engine in
/// a child process of its own (VmHWM is per process), one after the other on the same Azurite.
/// </summary>
internal static class WaitingMode
{
    private const int Samples = 3;

    private sealed record Result(string Engine, double[] NoneRates, double[] WaitingRates, double WaitingSeconds, double HwmMb, double RssMb,
        double AzuriteCpuNone, double AzuriteCpuWaiting, double BenchCpuNone, double BenchCpuWaiting, double AzuriteRssMb);

    public static async Task<int> ParentAsync(Arguments arguments, AzuriteEmulator azurite)
    {
        Console.WriteLine($"settings (both engines): {Engines.Describe()}");
        Console.WriteLine($"waiting mode: {arguments.Starts} starts x {Samples} with none waiting, then {arguments.Waiting} instances on 5-day timers, then {arguments.Starts} starts x {Samples}; one child process per engine");
        var results = new List<Result>();
        for (var round = 1; round <= Math.Max(1, arguments.Repeat); round++)
        {
            foreach (var kind in round % 2 == 1 ? new[] { "a", "b" } : ["b", "a"])
            {
                results.Add(await RunChildAsync(arguments, azurite, kind).ConfigureAwait(false));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instance starts/s (median of {Samples} x {arguments.Starts} per child; medians over rounds), N = {arguments.Waiting}, load average {ProcStats.LoadAverage()}:"));
        Console.WriteLine("| Engine | none waiting /s | N waiting /s | with N / none | N started in s (/s) | VmHWM MB | VmRSS MB | Azurite CPU none / N | bench CPU none / N | Azurite RSS MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var ratios = new Dictionary<string, double>();
        foreach (var group in results.GroupBy(r => r.Engine).OrderBy(g => g.Key))
        {
            var none = Engines.Median(group.Select(r => Engines.Median(r.NoneRates)));
            var waiting = Engines.Median(group.Select(r => Engines.Median(r.WaitingRates)));
            var seconds = Engines.Median(group.Select(r => r.WaitingSeconds));
            ratios[group.Key] = waiting / none;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(group.Key == "a" ? "(a) bare DTFx" : "(b) OneWindow")} | {none:F1} | {waiting:F1} | {waiting / none:P0} | {seconds:F0} ({arguments.Waiting / seconds:F0}/s) | {group.Max(r => r.HwmMb):F0} | {group.Max(r => r.RssMb):F0} | {Engines.Median(group.Select(r => r.AzuriteCpuNone)):F0}% / {Engines.Median(group.Select(r => r.AzuriteCpuWaiting)):F0}% | {Engines.Median(group.Select(r => r.BenchCpuNone)):F0}% / {Engines.Median(group.Select(r => r.BenchCpuWaiting)):F0}% | {group.Max(r => r.AzuriteRssMb):F0} |"));
        }

        if (ratios.TryGetValue("a", out var ra) && ratios.TryGetValue("b", out var rb))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(b) start-rate ratio {rb:P0} (goal ≥ 85%), (a) {ra:P0}: (b) is {(rb >= ra ? "no worse than" : "worse than")} bare DTFx; (b) VmHWM {results.Where(r => r.Engine == "b").Max(r => r.HwmMb):F0} MB (goal ≤ 400)"));
        }

        return 0;
    }

    private static async Task<Result> RunChildAsync(Arguments arguments, AzuriteEmulator azurite, string kind)
    {
        var self = Environment.GetCommandLineArgs()[0];
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (self.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(self);
        }

        foreach (var a in new[] { "--child", "--engine", kind, "--connection", azurite.ConnectionString, "--azurite-pid", azurite.Process.Id.ToString(CultureInfo.InvariantCulture),
                     "--waiting", arguments.Waiting.ToString(CultureInfo.InvariantCulture), "--starts", arguments.Starts.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        using var child = Process.Start(info)!;
        Result? result = null;
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<Result>(line["RESULT ".Length..]);
            }
            else
            {
                Console.WriteLine($"  [{kind}] {line}");
            }
        }

        await child.WaitForExitAsync().ConfigureAwait(false);
        Scenarios.Check(child.ExitCode == 0 && result is not null, $"waiting child ({kind}) exited {child.ExitCode} without a result");
        return result!;
    }

    public static async Task<int> ChildAsync(Arguments arguments)
    {
        try
        {
            var result = await Engines.RunAsync(arguments.Engine, arguments.Connection, null, async engine =>
            {
                await Scenarios.StartRateAsync(engine, 50, "warm").ConfigureAwait(false);
                var (none, azuriteNone, benchNone) = await SampleAsync(engine, arguments, "none").ConfigureAwait(false);
                var waitingTime = await Scenarios.StartWaitingAsync(engine, arguments.Waiting, Console.WriteLine).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{arguments.Waiting} waiting instances running after {waitingTime.TotalSeconds:F0} s; settling 10 s"));
                await Task.Delay(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                var (waiting, azuriteWaiting, benchWaiting) = await SampleAsync(engine, arguments, "with").ConfigureAwait(false);
                return new Result(arguments.Engine, none, waiting, waitingTime.TotalSeconds, ProcStats.StatusMb("VmHWM"), ProcStats.StatusMb("VmRSS"),
                    azuriteNone, azuriteWaiting, benchNone, benchWaiting, ProcStats.StatusMb("VmRSS", arguments.AzuritePid.ToString(CultureInfo.InvariantCulture)));
            }).ConfigureAwait(false);
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine(e.ToString());
            return 2;
        }
    }

    private static async Task<(double[] Rates, double AzuriteCpu, double BenchCpu)> SampleAsync(IBenchEngine engine, Arguments arguments, string label)
    {
        var rates = new double[Samples];
        var cpu = new ProcStats.CpuWindow(arguments.AzuritePid, Environment.ProcessId);
        for (var i = 0; i < Samples; i++)
        {
            rates[i] = await Scenarios.StartRateAsync(engine, arguments.Starts, $"{label}{i}").ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} waiting, sample {i + 1}: {rates[i]:F1} starts/s, load {ProcStats.LoadAverage()}"));
        }

        var percent = cpu.Percent();
        return (rates, percent[0], percent[1]);
    }
}
