using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OneWindow.Data.Applications;
using OneWindow.Data.Uploads;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Notifications;
using OneWindow.Functions.Tracking;
using OneWindow.Functions.Uploads;
using OneWindow.Hosting;
using OneWindow.Hosting.Storage;
using OneWindow.Orchestrations.Applications;

namespace OneWindow.Functions.Applications;

/// <summary>Registers uploads, applications, their orchestration, the SMS function and tracking: one line in Program.cs.</summary>
public static class ApplicationsRegistration
{
    /// <summary>
    /// LOCAL DEMO KEY, NOT A SECRET: used only in the Development environment when <c>Applications:DataKey</c> is not set,
    /// so local runs and tests work without setup. Any other environment must configure the key (Key Vault in Azure).
    /// </summary>
    public const string DevelopmentDataKey = "b25ld2luZG93LWxvY2FsLWRlbW8ta2V5LW5vdC1zZWM=";

    public const string UploadsBlobContainer = "uploads";

    /// <summary>The cases' fixed copies of their materials: written only by the app, read through download URLs (decision 0015).</summary>
    public const string EvidenceBlobContainer = "evidence";

    public static IServiceCollection AddApplications(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var container in ApplicationContainers.All) services.AddCosmosContainer(container, ApplicationContainers.PartitionKeyPath);
        services.AddBlobContainer(UploadsBlobContainer);
        services.AddBlobContainer(EvidenceBlobContainer);
        services.AddStorageQueue(ApplicationQueues.SmsOutbox);

        var options = ApplicationOptions.From(configuration);
        services.AddSingleton(options);
        var key = configuration["Applications:DataKey"];
        if (string.IsNullOrEmpty(key) && environment.IsDevelopment()) key = DevelopmentDataKey;

        // Without a key outside Development the other features still run; whatever needs personal data fails clearly.
        services.AddSingleton(_ => string.IsNullOrEmpty(key)
            ? throw new InvalidOperationException("Applications:DataKey (base64, 32 bytes) must be configured outside Development (Key Vault in Azure).")
            : PersonalDataProtector.FromBase64(key));
        Container Cosmos(IServiceProvider sp, string name) => sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), name);
        services.AddSingleton<IApplicationStore>(sp => new CosmosApplicationStore(
            Cosmos(sp, ApplicationContainers.Applications), Cosmos(sp, ApplicationContainers.ApplicantLists), Cosmos(sp, ApplicationContainers.Counters)));
        services.AddSingleton<ISmsDeliveryStore>(sp => new CosmosSmsDeliveryStore(Cosmos(sp, ApplicationContainers.SmsDedupe)));
        services.AddSingleton<IUploadStore>(sp => new CosmosBlobUploadStore(
            Cosmos(sp, ApplicationContainers.Uploads), sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(UploadsBlobContainer),
            sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(EvidenceBlobContainer)));

        services.AddTransient<UploadVerification>();
        services.AddTransient<ApplicationSubmission>();
        services.AddTransient<ApplicationFunctions>();
        services.AddTransient<UploadFunctions>();
        services.AddTransient<UploadExpirySweep>();
        services.AddTransient<TrackingFunctions>();
        services.AddTransient<ApplicantSmsFunction>();
        services.AddTransient<ApplicationActivities>();
        services.AddTransient<ApplicationOrchestration>();

        var providers = new Uri((configuration["Providers:BaseUrl"] ?? "http://127.0.0.1:7072").TrimEnd('/') + "/");
        services.AddHttpClient<SmsGateway>(c => c.BaseAddress = providers)
            .AddStandardResilienceHandler(o => Platform.ProviderResilience.Configure(o, configuration, "Providers:Sms")); // the queue's retries, then poison, on top
        return services;
    }
}
