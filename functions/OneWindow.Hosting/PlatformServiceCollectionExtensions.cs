using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OneWindow.Hosting.Health;
using OneWindow.Hosting.Identity;
using OneWindow.Hosting.Storage;
using OneWindow.Hosting.Telemetry;
using OneWindow.Hosting.Time;

namespace OneWindow.Hosting;

/// <summary>What every OneWindow process needs whichever host runs it: clock, storage and Cosmos clients, identity, health, telemetry.</summary>
public static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Adds the platform services. Called once, from the app's own registration, which Program.cs (Azure) and the local
    /// host both call.
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var storage = StorageAccount.FromConfiguration(configuration);
        var cosmos = CosmosAccount.CreateClient(configuration);
        if (environment.IsDevelopment())
        {
            // Registered first, so features' TryAdd(TimeProvider.System) leave it in place.
            var clock = new DevelopmentClock();
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(sp => new DevelopmentClockStore(sp.GetRequiredService<BlobServiceClient>(), configuration["extensions:durableTask:hubName"] ?? "TestHubName"));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(storage);
        services.AddSingleton(_ => storage.CreateBlobServiceClient());
        services.AddSingleton(_ => storage.CreateQueueServiceClient());
        services.AddSingleton(_ => storage.CreateTableServiceClient());
        if (cosmos is not null)
        {
            services.AddSingleton(cosmos);
        }

        // Hosted services start in registration order: storage first, then the development clock, then whatever
        // features add (seeds, listeners, the durable worker).
        services.AddHostedService<StorageProvisioner>();
        if (environment.IsDevelopment())
        {
            services.AddHostedService<DevelopmentClockSync>();
        }

        services.AddPlatformIdentity(configuration, environment);
        services.AddPlatformHealthChecks(cosmos is not null);
        services.AddPlatformTelemetry(configuration);
        return services;
    }
}
