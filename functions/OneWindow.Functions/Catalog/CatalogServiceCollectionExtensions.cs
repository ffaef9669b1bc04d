using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneWindow.Data.Calendar;
using OneWindow.Data.Catalog;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Functions.Administration;
using OneWindow.Functions.Seed;
using OneWindow.Hosting.Storage;

namespace OneWindow.Functions.Catalog;

/// <summary>Registers the catalog, the calendar, their functions and the demo county seed: one line in Program.cs.</summary>
public static class CatalogServiceCollectionExtensions
{
    /// <summary>The Cosmos container of catalog and calendar documents (partition key <c>/pk</c>).</summary>
    public const string ContainerName = "catalog";

    /// <summary>
    /// Uses the <see cref="CosmosClient"/> the host registers, database <c>Cosmos:Database</c> (default
    /// <c>onewindow</c>); the host creates the container at start-up. The demo county is seeded at
    /// start-up when <c>Seed:DemoCounty</c> is true (default in Development), with department callbacks at
    /// <c>Providers:BaseUrl</c> (default <c>http://127.0.0.1:7072</c>).
    /// </summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCosmosContainer(ContainerName, CosmosCatalogStore.PartitionKeyPath);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new CatalogContainer(
            sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), ContainerName)));
        services.AddSingleton<ICatalogStore>(sp => new CosmosCatalogStore(sp.GetRequiredService<CatalogContainer>().Container));
        services.AddSingleton<ICalendarStore>(sp => new CosmosCalendarStore(sp.GetRequiredService<CatalogContainer>().Container));
        services.AddTransient<CatalogFunctions>();
        services.AddTransient<AdminCatalogFunctions>();
        services.AddTransient<AdminCalendarFunctions>();
        services.AddSingleton(new CatalogSeedOptions(
            configuration.GetValue<bool?>("Seed:DemoCounty"),
            new Uri(configuration["Providers:BaseUrl"] ?? "http://127.0.0.1:7072")));
        services.AddHostedService<CatalogSeedService>();
        return services;
    }
}
