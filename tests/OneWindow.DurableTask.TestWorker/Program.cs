using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using OneWindow.DurableTask;
using OneWindow.DurableTask.AzureStorage;
using OneWindow.DurableTask.TestWorker;

// A durable host process for fault tests. Environment: DT_CONNECTION, DT_HUB, DT_PARTITIONS, DT_LEASE_SECONDS,
// DT_RENEW_SECONDS, DT_VISIBILITY_SECONDS, DT_WORKER_ID, DT_PARENT_PID (exit when that process is gone).
// Prints "ready <worker id>" once started and "metrics ..." lines every 25 ms; stops gracefully on SIGTERM.
static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
static double Seconds(string name, double fallback) => double.Parse(Env(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var visibility = TimeSpan.FromSeconds(Seconds("DT_VISIBILITY_SECONDS", 4));
var options = new AzureStorageOrchestrationServiceOptions
{
    ConnectionString = Env("DT_CONNECTION", "UseDevelopmentStorage=true"),
    TaskHubName = Env("DT_HUB", "FaultHub"),
    PartitionCount = int.Parse(Env("DT_PARTITIONS", "4"), CultureInfo.InvariantCulture),
    LeaseInterval = TimeSpan.FromSeconds(Seconds("DT_LEASE_SECONDS", 4)),
    LeaseRenewInterval = TimeSpan.FromSeconds(Seconds("DT_RENEW_SECONDS", 1)),
    ControlQueueVisibilityTimeout = visibility,
    WorkItemQueueVisibilityTimeout = visibility,
    MaxQueuePollingInterval = TimeSpan.FromMilliseconds(250),
    WorkerId = Env("DT_WORKER_ID", "worker-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture)),
};

using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information).AddFilter("Azure", LogLevel.Warning));
await using var worker = new DurableTaskWorker(options, FaultScenario.Register(new DurableTaskRegistry()), TimeProvider.System, loggers);
var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stopped.TrySetResult();
});

await worker.StartAsync(CancellationToken.None);
Console.WriteLine($"ready {worker.WorkerId}");
var parent = int.TryParse(Env("DT_PARENT_PID", string.Empty), out var pid) ? pid : 0;
while (!stopped.Task.IsCompleted)
{
    var m = worker.Metrics;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"metrics workitems={m.WorkItems} inflight={m.InFlight} redelivered={m.Redelivered} activities={m.ActivitiesRun} recovered={m.ActivitiesRecovered} owned={string.Join(',', worker.OwnedPartitions)}"));
    if (parent != 0 && !IsAlive(parent))
    {
        break;
    }

    await Task.WhenAny(stopped.Task, Task.Delay(25));
}

using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
await worker.StopAsync(patience.Token);
Console.WriteLine("stopped");

static bool IsAlive(int pid)
{
    try
    {
        using var p = System.Diagnostics.Process.GetProcessById(pid);
        return !p.HasExited;
    }
    catch (ArgumentException)
    {
        return false;
    }
}
