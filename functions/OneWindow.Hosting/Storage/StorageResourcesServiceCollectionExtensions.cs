using Microsoft.Extensions.DependencyInjection;

namespace OneWindow.Hosting.Storage;

/// <summary>Declares the storage a feature needs; the host creates it at start-up, before any function runs.</summary>
public static class StorageResourcesServiceCollectionExtensions
{
    /// <summary>A Cosmos container of the app's database, partitioned by <paramref name="partitionKeyPath"/>.</summary>
    public static IServiceCollection AddCosmosContainer(this IServiceCollection services, string name, string partitionKeyPath)
    {
        Resources(services).AddCosmosContainer(name, partitionKeyPath);
        return services;
    }

    /// <summary>A storage queue and its <c>-poison</c> queue.</summary>
    public static IServiceCollection AddStorageQueue(this IServiceCollection services, string name)
    {
        Resources(services).AddQueue(name);
        return services;
    }

    /// <summary>A storage table.</summary>
    public static IServiceCollection AddStorageTable(this IServiceCollection services, string name)
    {
        Resources(services).AddTable(name);
        return services;
    }

    /// <summary>A blob container.</summary>
    public static IServiceCollection AddBlobContainer(this IServiceCollection services, string name)
    {
        Resources(services).AddBlobContainer(name);
        return services;
    }

    private static StorageResources Resources(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.FirstOrDefault(d => d.ServiceType == typeof(StorageResources))?.ImplementationInstance is StorageResources existing)
        {
            return existing;
        }

        var resources = new StorageResources();
        services.AddSingleton(resources);
        return resources;
    }
}
