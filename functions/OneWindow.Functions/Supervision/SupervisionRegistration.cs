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

/// <summary>Registers supervision: case histories and timelines, the archive and retention timer, statistics counters, evaluations and the supervisor's page.</summary>
public static class SupervisionRegistration
{
    public static IServiceCollection AddSupervision(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddCosmosContainer(CosmosCaseHistoryArchiveStore.ContainerName, ApplicationContainers.PartitionKeyPath);
        services.AddCosmosContainer(CosmosStatisticsStore.ContainerName, ApplicationContainers.PartitionKeyPath);
        services.AddCosmosContainer(CosmosEvaluationStore.ContainerName, ApplicationContainers.PartitionKeyPath);
        Container Cosmos(IServiceProvider sp, string name) => sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), name);
        services.AddSingleton<ICaseHistoryArchiveStore>(sp => new CosmosCaseHistoryArchiveStore(Cosmos(sp, CosmosCaseHistoryArchiveStore.ContainerName)));
        services.AddSingleton<IStatisticsStore>(sp => new CosmosStatisticsStore(Cosmos(sp, CosmosStatisticsStore.ContainerName)));
        services.AddSingleton<IEvaluationStore>(sp => new CosmosEvaluationStore(Cosmos(sp, CosmosEvaluationStore.ContainerName)));
        services.AddSingleton<CaseStatistics>();
        services.AddTransient<CaseEvaluations>();
        services.AddTransient<CompletionPredictor>();
        services.AddTransient<CaseHistoryFunctions>();
        services.AddTransient<StatisticsFunctions>();
        services.AddTransient<EvaluationFunctions>();
        services.AddTransient<SupervisionPageFunctions>();
        services.AddTransient<OrchestrationRetention>();
        services.AddTransient<OrchestrationRetentionFunction>();
        return services;
    }
}
