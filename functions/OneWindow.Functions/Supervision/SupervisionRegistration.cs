using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Data.Applications;
using OneWindow.Data.Supervision;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting;
using OneWindow.Hosting.Storage;

namespace OneWindow.Functions.Supervision;

/// <summary>Registers the case history archive and the retention timer: one line in Program.cs.</summary>
public static class SupervisionRegistration
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddCosmosContainer(CosmosCaseHistoryArchiveStore.ContainerName, ApplicationContainers.PartitionKeyPath);
        services.AddSingleton<ICaseHistoryArchiveStore>(sp => new CosmosCaseHistoryArchiveStore(
            sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), CosmosCaseHistoryArchiveStore.ContainerName)));
        services.AddTransient<OrchestrationRetention>();
        services.AddTransient<OrchestrationRetentionFunction>();
        return services;
    }
}
