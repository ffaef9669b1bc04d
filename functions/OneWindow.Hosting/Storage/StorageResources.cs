namespace OneWindow.Hosting.Storage;

/// <summary>
/// What the app needs to exist before it starts: Cosmos containers (with partition key path), queues, tables and
/// blob containers. Features declare them with <see cref="StorageResourcesServiceCollectionExtensions"/>; the
/// <see cref="StorageProvisioner"/> creates them idempotently at start-up.
/// </summary>
public sealed class StorageResources
{
    private readonly Dictionary<string, string> cosmosContainers = new(StringComparer.Ordinal);
    private readonly HashSet<string> queues = new(StringComparer.Ordinal);
    private readonly HashSet<string> tables = new(StringComparer.Ordinal);
    private readonly HashSet<string> blobContainers = new(StringComparer.Ordinal);

    /// <summary>Cosmos containers by name, with their partition key path.</summary>
    public IReadOnlyDictionary<string, string> CosmosContainers => cosmosContainers;

    /// <summary>Storage queues.</summary>
    public IReadOnlyCollection<string> Queues => queues;

    /// <summary>Storage tables.</summary>
    public IReadOnlyCollection<string> Tables => tables;

    /// <summary>Blob containers.</summary>
    public IReadOnlyCollection<string> BlobContainers => blobContainers;

    internal void AddCosmosContainer(string name, string partitionKeyPath)
    {
        if (cosmosContainers.TryGetValue(name, out var existing) && existing != partitionKeyPath)
        {
            throw new InvalidOperationException($"Cosmos container '{name}' is declared with partition keys '{existing}' and '{partitionKeyPath}'.");
        }

        cosmosContainers[name] = partitionKeyPath;
    }

    internal void AddQueue(string name)
    {
        queues.Add(name);
        queues.Add(name + "-poison");
    }

    internal void AddTable(string name) => tables.Add(name);

    internal void AddBlobContainer(string name) => blobContainers.Add(name);
}
