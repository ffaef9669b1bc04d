using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Data.Applications;
using OneWindow.Data.Delivery;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Review;
using OneWindow.Functions.Notifications;
using OneWindow.Functions.Webhooks;
using OneWindow.Hosting;
using OneWindow.Hosting.Storage;
using OneWindow.Orchestrations.Delivery;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// Registers delivery: fees at acceptance, the delivery step's activities, the payment and courier webhooks, pickup,
/// courier dispatch, SMS receipts and the poisoned-SMS alerts. One line in <see cref="OneWindowApp"/>.
/// </summary>
public static class DeliveryRegistration
{
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddStorageQueue(DeliveryQueues.CourierDispatch);
        services.AddStorageQueue(LicenceIssuance.QueueName);
        // The poison queues of the SMS outboxes are queue-trigger queues themselves (the alerts).
        services.AddStorageQueue(ApplicationQueues.SmsOutbox + "-poison");
        services.AddStorageQueue(ReviewQueues.ReviewSms + "-poison");

        services.AddSingleton<IWaybillIndex>(sp => new CosmosWaybillIndex(sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), ApplicationContainers.Applications)));
        services.AddSingleton<ProviderSecrets>();
        services.AddSingleton<SignedWebhooks>();
        services.AddSingleton<SmsReceiptLinks>();
        services.AddSingleton<CourierDispatchSchedule>();
        services.AddTransient<CaseFees>();
        services.AddTransient<DeliveryActivities>();
        services.AddTransient<PaymentFunctions>();
        services.AddTransient<CourierWebhookFunction>();
        services.AddTransient<PickupFunction>();
        services.AddTransient<CourierDispatchFunction>();
        services.AddTransient<SmsReceiptFunction>();
        services.AddTransient<SmsPoisonFunction>();

        var providers = new Uri((configuration["Providers:BaseUrl"] ?? "http://127.0.0.1:7072").TrimEnd('/') + "/");
        services.AddHttpClient<CourierClient>(c => c.BaseAddress = providers)
            .AddStandardResilienceHandler(o => Platform.ProviderResilience.Configure(o, configuration, "Providers:Courier")); // the dispatch's back-off (hours) on top
        return services;
    }
}
