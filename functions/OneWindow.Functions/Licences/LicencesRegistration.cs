using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Data.Applications;
using OneWindow.Data.Licences;
using OneWindow.Domain.Licences;
using OneWindow.Hosting.Storage;
using OneWindow.Orchestrations.Delivery;

using IssuanceContract = OneWindow.Orchestrations.Delivery.LicenceIssuance;

namespace OneWindow.Functions.Licences;

/// <summary>Registers licences: store, keys, documents, issuance (queue), reminders (timer) and the HTTP functions.</summary>
public static class LicencesRegistration
{
    public static IServiceCollection AddLicences(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The reminder timer's schedule is the setting %Licences:ReminderSchedule% (Azure's host reads it from the app
        // settings the Bicep writes); where nothing set it, the local host resolves the hourly default given here.
        configuration[LicenceOptions.ReminderScheduleSetting] ??= LicenceOptions.DefaultReminderSchedule;
        foreach (var container in LicenceContainers.All) services.AddCosmosContainer(container, LicenceContainers.PartitionKeyPath);
        services.AddBlobContainer(LicenceContainers.Files);
        services.AddStorageQueue(IssuanceContract.QueueName);
        services.AddSingleton(LicenceOptions.From(configuration));
        Container Cosmos(IServiceProvider sp, string name) => sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), name);
        services.AddSingleton<ILicenceStore>(sp => new CosmosLicenceStore(Cosmos(sp, LicenceContainers.Licences), Cosmos(sp, ApplicationContainers.Counters)));
        services.AddSingleton(sp => new LicenceKeyRing(configuration, sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>(), sp.GetRequiredService<BlobServiceClient>()));
        services.AddSingleton<LicenceDocument>();
        services.AddTransient<LicenceIssuance>();
        services.AddTransient<LicenceReuse>();
        services.AddTransient<LicenceIssuanceFunction>();
        services.AddTransient<LicenceReminderFunction>();
        services.AddTransient<LicenceFunctions>();
        return services;
    }
}
