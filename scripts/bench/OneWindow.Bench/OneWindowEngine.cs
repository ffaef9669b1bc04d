using Microsoft.Azure.Functions.Worker;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Hosting;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Storage;

namespace OneWindow.Bench;

/// <summary>
/// (b) OneWindow's engine as the host wires it: <c>AddDurableEngine</c> over a host.json-like configuration, the
/// <see cref="DurableEngine"/> hosted service running the <c>[Function]</c> orchestrators and activities of
/// <see cref="BenchFunctions"/>, driven through the registered <see cref="DurableTaskClient"/>.
/// </summary>
internal sealed class OneWindowEngine(string connectionString, IConfiguration configuration) : IBenchEngine
{
    private static readonly IReadOnlyList<FunctionDescriptor> Functions = FunctionDiscovery.Discover([typeof(BenchFunctions).Assembly]);

    private ServiceProvider? provider;
    private DurableEngine? engine;
    private DurableTaskClient? client;

    public string Label => "b OneWindow";

    public string TaskHub { get; } = configuration[DurableEngineServiceCollectionExtensions.Section + ":hubName"]!;

    public async Task StartAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDurableEngine(Functions, configuration, StorageAccount.FromConfiguration(configuration));
        provider = services.BuildServiceProvider();
        engine = provider.GetRequiredService<DurableEngine>();
        await engine.StartAsync(CancellationToken.None).ConfigureAwait(false);
        client = provider.GetRequiredService<DurableTaskClient>();
        var options = provider.GetRequiredService<DurableTaskHostOptions>();
        await Partitions.WaitOwnedAsync(connectionString, engine.TaskHubName, engine.WorkerId, options.StorageProvider.PartitionCount).ConfigureAwait(false);
    }

    public Task<string> ScheduleAsync(string orchestration, int input, string? instanceId = null) =>
        client!.ScheduleNewOrchestrationInstanceAsync(orchestration, input, new StartOrchestrationOptions(instanceId ?? Guid.NewGuid().ToString("N")));

    public async Task<(string Status, string? Output)> GetAsync(string instanceId)
    {
        var metadata = await client!.GetInstancesAsync(instanceId, getInputsAndOutputs: true).ConfigureAwait(false);
        return metadata is null ? ("Missing", null) : (metadata.RuntimeStatus.ToString(), metadata.SerializedOutput);
    }

    public Task RaiseAsync(string instanceId, string eventName, int value) => client!.RaiseEventAsync(instanceId, eventName, value);

    public async Task StopAsync()
    {
        if (provider is { } services)
        {
            provider = null;
            engine = null;
            var service = services.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>();
            // Disposing the container disposes the engine: a forced stop, as (a) stops. (DurableEngine.DisposeAsync is not
            // idempotent: disposing the engine here and then the container would stop a disposed worker and throw.)
            await services.DisposeAsync().ConfigureAwait(false);
            await service.DeleteAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// The configuration: host.json's <c>extensions:durableTask</c> (the repository's file), then <paramref name="overrides"/>
    /// (keys relative to durableTask, e.g. <c>storageProvider:partitionCount</c>), a fresh hub name and the storage account.
    /// </summary>
    public static IConfiguration Configure(string connectionString, string hubName, IReadOnlyDictionary<string, string?> overrides)
    {
        var hostJson = new ConfigurationBuilder().AddJsonFile(Testing.RepositoryPaths.Combine("host.json")).Build();
        var values = hostJson.GetSection(DurableEngineServiceCollectionExtensions.Section).AsEnumerable()
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides)
        {
            values[DurableEngineServiceCollectionExtensions.Section + ":" + key] = value;
        }

        values[DurableEngineServiceCollectionExtensions.Section + ":hubName"] = hubName;
        values["AzureWebJobsStorage"] = connectionString;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>A short description of the durableTask settings that matter here.</summary>
    public static string Describe(DurableTaskHostOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"partitionCount {o.StorageProvider.PartitionCount}, maxConcurrentActivityFunctions {o.EffectiveMaxConcurrentActivityFunctions}, maxConcurrentOrchestratorFunctions {o.EffectiveMaxConcurrentOrchestratorFunctions}, extendedSessionsEnabled {o.ExtendedSessionsEnabled}, maxQueuePollingInterval {o.StorageProvider.MaxQueuePollingInterval}, controlQueueBatchSize {o.StorageProvider.ControlQueueBatchSize}");
}

/// <summary>The scenarios as the app writes durable functions: Microsoft.DurableTask code under OneWindow.Hosting's attributes.</summary>
public static class BenchFunctions
{
    [Function(Names.Sequential)]
    public static async Task<int> SequentialAsync([OrchestrationTrigger] TaskOrchestrationContext context, int count)
    {
        var x = 0;
        for (var i = 0; i < count; i++)
        {
            x = await context.CallActivityAsync<int>(nameof(Next), x);
        }

        return x;
    }

    [Function(Names.Fan)]
    public static async Task<int> FanAsync([OrchestrationTrigger] TaskOrchestrationContext context, int count)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, count).Select(i => PartAsync(context, i)));
        return parts.Sum();

        static async Task<int> PartAsync(TaskOrchestrationContext context, int i)
        {
            var result = await context.CallActivityAsync<int>(nameof(Part), i);
            Probe.HoldFanIn(context.IsReplaying);
            return result;
        }
    }

    [Function(Names.Listen)]
    public static async Task<int> ListenAsync([OrchestrationTrigger] TaskOrchestrationContext context, int count)
    {
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += await context.WaitForExternalEvent<int>(Names.Event);
        }

        return sum;
    }

    [Function(Names.Hello)]
    public static int Hello([OrchestrationTrigger] TaskOrchestrationContext context, int input)
    {
        Probe.InstanceStarted(context.IsReplaying);
        return input;
    }

    [Function(Names.Wait)]
    public static async Task<int> WaitAsync([OrchestrationTrigger] TaskOrchestrationContext context, int input)
    {
        Probe.InstanceStarted(context.IsReplaying);
        await context.CreateTimer(context.CurrentUtcDateTime.Add(Names.LongTimer), CancellationToken.None);
        return input;
    }

    [Function(nameof(Next))]
    public static int Next([ActivityTrigger] int x) => x + 1;

    [Function(nameof(Part))]
    public static int Part([ActivityTrigger] int x)
    {
        Probe.FanActivityRan();
        return x;
    }
}
