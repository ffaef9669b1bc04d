using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Invocation;
using OneWindow.Hosting.Storage;

namespace OneWindow.Hosting.Durable;

/// <summary>Registers the durable engine, its client and its options from host.json.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>The section of host.json the engine reads (Durable Functions' own).</summary>
    public const string Section = "extensions:durableTask";

    /// <summary>
    /// The worker's serializer: System.Text.Json with web defaults (camelCase, case-insensitive), as the isolated worker's
    /// default <c>JsonObjectSerializer</c>; the client and the shims use the same converter.
    /// </summary>
    public static DataConverter CreateDataConverter() => new JsonDataConverter(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Reads and validates the engine options.</summary>
    public static DurableTaskHostOptions ReadOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new DurableTaskHostOptions();
        configuration.GetSection(Section).Bind(options);
        options.Validate();
        return options;
    }

    /// <summary>Settings of DTFx's Azure Storage provider from the Durable Functions options; one worker id per process.</summary>
    public static AzureStorageOrchestrationServiceSettings CreateSettings(DurableTaskHostOptions options, StorageAccount storage, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        var provider = options.StorageProvider;
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage.CreateDurableClientProvider(),
            TaskHubName = options.HubName,
            PartitionCount = provider.PartitionCount,
            ControlQueueBatchSize = provider.ControlQueueBatchSize,
            ControlQueueBufferThreshold = provider.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = provider.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = provider.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = provider.MaxQueuePollingInterval,
            UseTablePartitionManagement = provider.UseTablePartitionManagement,
            FetchLargeMessageDataEnabled = provider.FetchLargeMessagesAutomatically,
            MaxConcurrentTaskActivityWorkItems = options.EffectiveMaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.EffectiveMaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
            ThrowExceptionOnInvalidDedupeStatus = true,
            // DTFx defaults to the machine name: two hosts on one machine would both think they own every partition.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}",
            LoggerFactory = loggerFactory,
        };
    }

    /// <summary>Adds the engine (a hosted service running the discovered durable functions) and the <see cref="DurableTaskClient"/>.</summary>
    public static IServiceCollection AddDurableEngine(this IServiceCollection services, IReadOnlyList<FunctionDescriptor> functions, IConfiguration configuration, StorageAccount storage)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = ReadOptions(configuration);
        var durable = functions.Where(f => f.TriggerKind is FunctionTriggerKind.Orchestration or FunctionTriggerKind.Activity).ToList();
        services.AddSingleton(options);
        services.AddFunctionInvocation(); // activities run through the app's worker middleware
        services.AddSingleton(CreateDataConverter());
        services.AddSingleton(sp => CreateSettings(options, storage, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new AzureStorageOrchestrationService(sp.GetRequiredService<AzureStorageOrchestrationServiceSettings>()));
        services.AddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<AzureStorageOrchestrationServiceSettings>(), sp.GetRequiredService<AzureStorageOrchestrationService>(), options, durable, sp, sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<DataConverter>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableEngine>());
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            "durable",
            sp => new DurableEngineHealthCheck(sp.GetRequiredService<DurableEngine>(), sp.GetRequiredService<AzureStorageOrchestrationService>()),
            HealthStatus.Unhealthy,
            ["durable"],
            TimeSpan.FromSeconds(3)));
        services.AddSingleton<DurableTaskClient>(sp => new TaskHubDurableTaskClient(
            sp.GetRequiredService<AzureStorageOrchestrationService>(), sp.GetRequiredService<DataConverter>(), options));
        return services;
    }
}
