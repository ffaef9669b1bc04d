using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneWindow.Data.Applications;
using OneWindow.Data.Mailbox;
using OneWindow.Domain.Mailbox;
using OneWindow.Functions.Disclosure;
using OneWindow.Functions.Mailbox;
using OneWindow.Hosting.Storage;
using OneWindow.Orchestrations.Enquiries;

namespace OneWindow.Functions.Enquiries;

/// <summary>
/// Registers disclosure requests (依申请公开) and the government mailbox: their routes, orchestrations and activities. They
/// are cases on the applications' stores and the review's tasks, so they add only the public list of answered suggestions.
/// </summary>
public static class EnquiriesRegistration
{
    public static IServiceCollection AddEnquiries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(EnquiryOptions.From(configuration));
        services.AddSingleton<IPublicReplyStore>(sp => new CosmosPublicReplyStore(
            sp.GetRequiredService<CosmosClient>().GetContainer(CosmosAccount.DatabaseName(configuration), ApplicationContainers.ApplicantLists)));
        services.AddTransient<EnquirySubmission>();
        services.AddTransient<DisclosureFunctions>();
        services.AddTransient<MailboxFunctions>();
        services.AddTransient<EnquiryActivities>();
        services.AddTransient<DisclosureOrchestration>();
        services.AddTransient<MailboxOrchestration>();
        return services;
    }
}
