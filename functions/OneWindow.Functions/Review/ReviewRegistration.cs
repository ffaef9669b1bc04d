using Microsoft.Extensions.Hosting;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Data.Review;
using OneWindow.Domain.Review;
using OneWindow.Hosting;
using OneWindow.Hosting.Storage;
using OneWindow.Orchestrations.Review;

namespace OneWindow.Functions.Review;

/// <summary>Registers the parallel review: stores, orchestrations' activities, department work, webhooks, notices, review SMS, alerts. One line in Program.cs.</summary>
public static class ReviewRegistration
{
    public static IServiceCollection AddReview(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var container in ReviewContainers.All) services.AddCosmosContainer(container, ReviewContainers.PartitionKeyPath);
        services.AddStorageQueue(ReviewQueues.DepartmentNotices);
        services.AddStorageQueue(ReviewQueues.ReviewSms);

        Container Cosmos(IServiceProvider sp, string name) => sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), name);
        services.AddSingleton<IReviewTaskStore>(sp => new CosmosReviewTaskStore(Cosmos(sp, ReviewContainers.Tasks)));
        services.AddSingleton<IWorklistStore>(sp => new CosmosWorklistStore(Cosmos(sp, ReviewContainers.Worklists)));
        services.AddSingleton<IAlertStore>(sp => new CosmosAlertStore(Cosmos(sp, ReviewContainers.Alerts)));
        services.AddSingleton<IWebhookDeliveryStore>(sp => new CosmosWebhookDeliveryStore(Cosmos(sp, ReviewContainers.WebhookDeliveries)));
        services.AddSingleton<IDecisionOutboxIndex>(sp => new CosmosDecisionOutboxIndex(Cosmos(sp, ReviewContainers.Tasks)));
        services.AddSingleton(DecisionOutboxOptions.From(configuration, environment));

        var notices = DepartmentNoticeOptions.From(configuration);
        services.AddSingleton(notices);
        services.AddSingleton<DepartmentSecrets>();
        services.AddTransient<TaskActions>();
        services.AddTransient<ReviewActivities>();
        services.AddTransient<DepartmentReviewOrchestration>();
        services.AddTransient<DepartmentWorkFunctions>();
        services.AddTransient<DepartmentWebhookFunction>();
        services.AddTransient<DepartmentNoticeFunction>();
        services.AddTransient<ReviewSmsFunction>();
        services.AddTransient<SupervisionFunctions>();
        services.AddTransient<TerminationFunction>();
        services.AddTransient<DecisionOutboxFunction>();
        services.AddTransient<WebhookDeliverySweep>();
        services.AddTransient<GreenChannelFunction>();
        services.AddTransient<ConsultationOrchestration>();
        services.AddTransient<DeferredMaterialsOrchestration>();

        services.AddHttpClient<DepartmentSystemClient>()
            .AddStandardResilienceHandler(o => Platform.ProviderResilience.Configure(o, configuration, "Departments:Notices", notices.RetriesPerAttempt)); // the queue function's back-off (hours) on top
        return services;
    }
}
