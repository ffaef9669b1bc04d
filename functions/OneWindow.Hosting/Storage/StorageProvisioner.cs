using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Storage;

/// <summary>
/// Creates every declared <see cref="StorageResources"/> entry if missing. Registered before every other hosted
/// service, so seeds, listeners and the durable worker find their storage. Several hosts may start at once: a
/// conflict means another host created it first.
/// </summary>
public sealed class StorageProvisioner(IServiceProvider services, IConfiguration configuration, ILogger<StorageProvisioner> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resources = services.GetService<StorageResources>();
        if (resources is null)
        {
            return;
        }

        if (resources.CosmosContainers.Count > 0)
        {
            var cosmos = services.GetService<CosmosClient>()
                ?? throw new InvalidOperationException("Cosmos containers are declared but neither ConnectionStrings:Cosmos nor Cosmos:Endpoint is set.");
            var database = CosmosAccount.DatabaseName(configuration);
            try
            {
                await cosmos.CreateDatabaseIfNotExistsAsync(database, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var (name, partitionKey) in resources.CosmosContainers)
                {
                    try
                    {
                        await cosmos.GetDatabase(database).CreateContainerIfNotExistsAsync(
                            new ContainerProperties(name, partitionKey) { DefaultTimeToLive = -1 }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
                    {
                        // Created by another host between the check and the create.
                    }
                }
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                // In Azure the identity has a data-plane role only, which cannot create databases or containers: the Bicep
                // deploys them (infra/cosmos-containers.json). Check they are there, so a missing one fails at start-up.
                await CheckCosmosContainersAsync(cosmos, database, resources, cancellationToken).ConfigureAwait(false);
            }
        }

        var queues = services.GetRequiredService<QueueServiceClient>();
        foreach (var queue in resources.Queues)
        {
            await Idempotent(() => queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var tables = services.GetRequiredService<TableServiceClient>();
        foreach (var table in resources.Tables)
        {
            await Idempotent(() => tables.CreateTableIfNotExistsAsync(table, cancellationToken)).ConfigureAwait(false);
        }

        var blobs = services.GetRequiredService<BlobServiceClient>();
        foreach (var container in resources.BlobContainers)
        {
            await Idempotent(() => blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        logger.LogInformation(
            "Storage provisioned: {Containers} Cosmos containers, {Queues} queues, {Tables} tables, {Blobs} blob containers",
            resources.CosmosContainers.Count, resources.Queues.Count, resources.Tables.Count, resources.BlobContainers.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CheckCosmosContainersAsync(CosmosClient cosmos, string database, StorageResources resources, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var (name, _) in resources.CosmosContainers)
        {
            try
            {
                await cosmos.GetContainer(database, name).ReadContainerAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                missing.Add(name);
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cosmos DB containers missing from database '{database}': {string.Join(", ", missing)}. This identity may not create them; add them to infra/cosmos-containers.json and deploy.");
        }

        logger.LogInformation("Cosmos DB containers present ({Count}); created by the deployment.", resources.CosmosContainers.Count);
    }

    private static async Task Idempotent(Func<Task> create)
    {
        try
        {
            await create().ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            // Being created or deleted by another host; the next start-up or first use settles it.
        }
    }
}
