using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Storage;
using OneWindow.Testing;

namespace OneWindow.Functions.Tests;

/// <summary>A durable client of a platform's task hub, made in the test process the way the host makes its own.</summary>
internal static class PlatformEngineClient
{
    public static DurableTaskClient Create(PlatformInstance platform)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = platform.Stack.Azurite.ConnectionString,
            ["extensions:durableTask:hubName"] = platform.TaskHub,
        }).Build();
        var options = DurableEngineServiceCollectionExtensions.ReadOptions(configuration);
        var service = new AzureStorageOrchestrationService(DurableEngineServiceCollectionExtensions.CreateSettings(options, StorageAccount.FromConfiguration(configuration), NullLoggerFactory.Instance));
        return new TaskHubDurableTaskClient(service, DurableEngineServiceCollectionExtensions.CreateDataConverter(), options);
    }
}
