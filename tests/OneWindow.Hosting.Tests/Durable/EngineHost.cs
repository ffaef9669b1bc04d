using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Storage;
using OneWindow.Testing;

namespace OneWindow.Hosting.Tests.Durable;

/// <summary>
/// The durable engine in this process over the shared Azurite: the test functions of this folder, a task hub of its
/// own, short polling. Set DURABLE_TEST_LOG=1 to see the engine's warnings on the console.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    /// <summary>How long any one wait of these tests may take (2 shared cores, emulators).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly ServiceProvider provider;
    private readonly IHostedService[] hosted;
    private bool stopped;

    private EngineHost(ServiceProvider provider)
    {
        this.provider = provider;
        hosted = provider.GetServices<IHostedService>().ToArray();
        Client = provider.GetRequiredService<DurableTaskClient>();
        Engine = provider.GetRequiredService<DurableEngine>();
    }

    public DurableTaskClient Client { get; }

    public DurableEngine Engine { get; }

    public string HubName => Engine.TaskHubName;

    /// <summary>A service of this engine's container (the provider, the options).</summary>
    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    /// <summary>The <c>[Function]</c>s of this folder's test classes.</summary>
    public static IReadOnlyList<FunctionDescriptor> Functions { get; } = FunctionDiscovery.Discover([typeof(EngineOrchestrations).Assembly])
        .Where(f => f.DeclaringType == typeof(EngineOrchestrations) || f.DeclaringType == typeof(EngineActivities))
        .ToList();

    /// <summary>Builds the services without starting the engine.</summary>
    public static async Task<EngineHost> CreateAsync(string hubName, IDictionary<string, string?>? settings = null)
    {
        var stack = await LocalStack.SharedAsync();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = stack.Azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = hubName,
            ["extensions:durableTask:extendedSessionsEnabled"] = "true",
            ["extensions:durableTask:maxConcurrentActivityFunctions"] = "4",
            ["extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "4",
            ["extensions:durableTask:storageProvider:partitionCount"] = "2",
            ["extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.5",
            ["extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:01:00",
            ["extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:01:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (Environment.GetEnvironmentVariable("DURABLE_TEST_LOG") is { Length: > 0 })
            {
                logging.AddSimpleConsole();
            }
        });
        services.AddDurableEngine(Functions, configuration, StorageAccount.FromConfiguration(configuration));
        return new EngineHost(services.BuildServiceProvider());
    }

    /// <summary>Builds and starts an engine on <paramref name="hubName"/>.</summary>
    public static async Task<EngineHost> StartAsync(string hubName, IDictionary<string, string?>? settings = null)
    {
        var host = await CreateAsync(hubName, settings);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh task hub name (letters and digits).</summary>
    public static string NewHub() => LocalStack.UniqueName("hub");

    public async Task StartAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        foreach (var service in hosted)
        {
            await service.StartAsync(timeout.Token);
        }
    }

    /// <summary>Stops the engine (work in flight finishes or is abandoned for another host).</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var timeout = new CancellationTokenSource(Patience);
        foreach (var service in hosted.Reverse())
        {
            await service.StopAsync(timeout.Token);
        }
    }

    /// <summary>Waits until the instance finishes, at most <see cref="Patience"/>.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Waits until the instance has left Pending, at most <see cref="Patience"/>.</summary>
    public async Task<OrchestrationMetadata> RunningAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await Client.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls the instance until <paramref name="done"/> holds, at most <see cref="Patience"/>.</summary>
    public async Task<OrchestrationMetadata> UntilAsync(string instanceId, Func<OrchestrationMetadata, bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
            if (metadata is not null && done(metadata))
            {
                return metadata;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Polls the instance's history until <paramref name="done"/> holds, at most <see cref="Patience"/>.</summary>
    public async Task<IList<DurableTask.Core.History.HistoryEvent>> HistoryUntilAsync(string instanceId, Func<IList<DurableTask.Core.History.HistoryEvent>, bool> done)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var history = await Client.GetOrchestrationHistoryAsync(instanceId, timeout.Token);
            if (done(history))
            {
                return history;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Every item of a query (System.Linq.Async and .NET 10 both offer ToListAsync: ambiguous here).</summary>
    public static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            await provider.DisposeAsync();
        }
    }
}
