using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>Registers the durable runtime on Azure Storage.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the options, the <see cref="DurableTaskRegistry"/> (resolvable, so a host can add discovered orchestrators before start),
    /// <see cref="DurableTaskClient"/>, <see cref="DataConverter"/> and the <see cref="DurableTaskWorker"/> as a hosted service.
    /// The <see cref="TimeProvider"/> comes from DI (system clock when none is registered) unless the options set one.
    /// </summary>
    public static IServiceCollection AddDurableTaskAzureStorage(
        this IServiceCollection services,
        Action<AzureStorageOrchestrationServiceOptions> configureOptions,
        Action<DurableTaskRegistry>? configureRegistry = null)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        var options = new AzureStorageOrchestrationServiceOptions();
        configureOptions(options);
        var registry = new DurableTaskRegistry();
        configureRegistry?.Invoke(registry);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(registry);
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.AddSingleton<DurableTaskClient>(sp => new AzureStorageDurableTaskClient(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DataConverter>(), registry));
        services.AddSingleton(sp => new DurableTaskWorker(
            options,
            registry,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp,
            sp.GetRequiredService<DataConverter>()));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        return services;
    }
}
