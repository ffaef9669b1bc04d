using Xunit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OneWindow.DurableTask;
using OneWindow.DurableTask.AzureStorage;
using OneWindow.Testing;

namespace OneWindow.DurableTask.Tests;

/// <summary>A task hub of its own on the shared Azurite, with a worker and a client.</summary>
public sealed class TestHub : IAsyncDisposable
{
    private TestHub(AzureStorageOrchestrationServiceOptions options, DurableTaskRegistry registry, FakeTimeProvider time)
    {
        Options = options;
        Registry = registry;
        Time = time;
        Client = new AzureStorageDurableTaskClient(options, time, registry: registry);
    }

    public AzureStorageOrchestrationServiceOptions Options { get; }

    public DurableTaskRegistry Registry { get; }

    public FakeTimeProvider Time { get; }

    public AzureStorageDurableTaskClient Client { get; }

    public DurableTaskWorker? Worker { get; private set; }

    public CapturingLoggerProvider Logs { get; } = new();

    public static async Task<TestHub> StartAsync(bool cache, Action<DurableTaskRegistry> register, Action<AzureStorageOrchestrationServiceOptions>? configure = null)
    {
        // Fail clearly instead of hanging the run when the emulators cannot start.
        var stack = await LocalStack.SharedAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var options = new AzureStorageOrchestrationServiceOptions
        {
            TaskHubName = LocalStack.UniqueName("hub"),
            PartitionCount = 2,
            ConnectionString = stack.Azurite.ConnectionString,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(200),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(10),
            MaxQueueDelay = TimeSpan.FromSeconds(2),
            LeaseInterval = TimeSpan.FromSeconds(4),
            LeaseRenewInterval = TimeSpan.FromSeconds(1),
            ExtendedSessionsEnabled = cache,
        };
        configure?.Invoke(options);
        var registry = new DurableTaskRegistry();
        register(registry);
        var hub = new TestHub(options, registry, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero)));
        await hub.StartWorkerAsync();
        return hub;
    }

    public async Task StartWorkerAsync()
    {
        Worker = new DurableTaskWorker(Options, Registry, Time, LoggerFactory.Create(b => b.AddProvider(Logs)));
        await Worker.StartAsync(CancellationToken.None);
    }

    /// <summary>Another worker (host) on the same task hub, started; the caller stops and disposes it.</summary>
    public async Task<DurableTaskWorker> StartExtraWorkerAsync()
    {
        var worker = new DurableTaskWorker(Options, Registry, Time, LoggerFactory.Create(b => b.AddProvider(Logs)));
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    public async Task StopWorkerAsync()
    {
        if (Worker is not null)
        {
            // Bounded, so a failed test that leaves an activity blocked does not hang the run.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await Worker.StopAsync(patience.Token);
            await Worker.DisposeAsync();
            Worker = null;
        }
    }

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId, int seconds = 60)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
    }

    /// <summary>Polls until the condition holds or the deadline passes.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Condition not met in time.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the instance's history contains an event of the given type.</summary>
    public Task WaitForHistoryAsync(string instanceId, string eventType, int count = 1) =>
        Eventually(async () => (await Client.GetOrchestrationHistoryAsync(instanceId, false)).Count(e => e.EventType == eventType) >= count);

    public async ValueTask DisposeAsync() => await StopWorkerAsync();
}
