using System.Globalization;
using OneWindow.Testing;

namespace OneWindow.DurableTask.Tests;

/// <summary>A real durable host process (tests/OneWindow.DurableTask.TestWorker) on a task hub; reads its metrics lines.</summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private WorkerProcess(ChildProcess process, string workerId)
    {
        Process = process;
        WorkerId = workerId;
    }

    public ChildProcess Process { get; }

    public string WorkerId { get; }

    public static async Task<WorkerProcess> StartAsync(string connectionString, string hub, string workerId, int partitions = 4)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = RepositoryPaths.Combine("tests", "OneWindow.DurableTask.TestWorker", "bin", configuration, "net10.0", "OneWindow.DurableTask.TestWorker.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The test worker is not built at {dll}.");
        }

        var process = ChildProcess.Start(workerId, "dotnet", [dll], RepositoryPaths.Root, new Dictionary<string, string?>
        {
            ["DT_CONNECTION"] = connectionString,
            ["DT_HUB"] = hub,
            ["DT_PARTITIONS"] = partitions.ToString(CultureInfo.InvariantCulture),
            ["DT_LEASE_SECONDS"] = "4",
            ["DT_RENEW_SECONDS"] = "1",
            ["DT_VISIBILITY_SECONDS"] = "4",
            ["DT_WORKER_ID"] = workerId,
            ["DT_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        });
        var worker = new WorkerProcess(process, workerId);
        try
        {
            await process.WaitForOutputAsync("ready " + workerId, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }

        return worker;
    }

    /// <summary>The last metrics the process printed (zeros before the first line).</summary>
    public Metrics Last()
    {
        var line = Process.Tail(400).Split('\n').LastOrDefault(l => l.StartsWith("metrics ", StringComparison.Ordinal));
        if (line is null)
        {
            return new Metrics(0, 0, 0, 0, []);
        }

        var fields = line["metrics ".Length..].Split(' ').Select(f => f.Split('=', 2)).ToDictionary(f => f[0], f => f.Length > 1 ? f[1] : string.Empty, StringComparer.Ordinal);
        long Read(string name) => long.Parse(fields[name], CultureInfo.InvariantCulture);
        var owned = fields["owned"].Length == 0 ? [] : fields["owned"].Split(',').Select(int.Parse).ToArray();
        return new Metrics(Read("workitems"), Read("inflight"), Read("redelivered"), Read("recovered"), owned);
    }

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();

    /// <summary>One metrics line.</summary>
    public sealed record Metrics(long WorkItems, long InFlight, long Redelivered, long Recovered, int[] Owned);
}
