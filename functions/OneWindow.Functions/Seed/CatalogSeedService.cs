using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Data.Catalog;
using OneWindow.Domain.Catalog;
using OneWindow.Functions.Catalog;

namespace OneWindow.Functions.Seed;

/// <summary>
/// Creates the catalog container if missing and seeds the demo county (idempotent: a rerun writes nothing,
/// so restarting the host never makes new versions). Runs before the host starts listening.
/// </summary>
public sealed class CatalogSeedService(CatalogContainer container, ICatalogStore store, CatalogSeedOptions options, IHostEnvironment environment, ILogger<CatalogSeedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var database = container.Container.Database;
        await database.Client.CreateDatabaseIfNotExistsAsync(database.Id, cancellationToken: cancellationToken);
        try
        {
            await database.CreateContainerIfNotExistsAsync(container.Container.Id, CosmosCatalogStore.PartitionKeyPath, cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Another instance created it between the check and the create.
        }

        if (!(options.SeedDemoCounty ?? environment.IsDevelopment())) return;
        var written = await new CatalogSeeder(store).SeedAsync(DemoCounty.Create(options.SandboxBaseUrl), cancellationToken);
        logger.LogInformation("Demo county seeded: {Written} documents written", written);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
