using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Review;
using OneWindow.Functions.Notifications;
using OneWindow.Hosting;
using OneWindow.Hosting.Queues;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// Sends the review SMS: to the applicant (suspension, extension, correction, outcome), to the department's chief
/// representative (warning, overdue) and to the supervisor (overdue, legal overdue). The message carries references
/// only; phones are looked up here. Exactly one SMS per task (or case), event and recipient, as for applicant SMS.
/// </summary>
public sealed class ReviewSmsFunction(
    IApplicationStore applications,
    IReviewTaskStore tasks,
    ICatalogStore catalog,
    ISmsDeliveryStore deliveries,
    PersonalDataProtector protector,
    SmsGateway gateway,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ReviewSmsFunction> logger)
{
    /// <summary>The supervision office's duty phone (demo value when not configured).</summary>
    public const string DefaultSupervisorPhone = "0571-6100000";

    [Function("SendReviewSms")]
    public async Task RunAsync([QueueTrigger(ReviewQueues.ReviewSms)] ReviewSmsNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var application = await applications.GetAsync(notice.ApplicationId, cancellationToken);
        if (application is null)
        {
            logger.LogWarning("Review SMS {Event} for unknown application {ApplicationId} dropped.", notice.Event, notice.ApplicationId);
            return;
        }

        if (notice.Recipient == ReviewSmsNotice.Applicant && !application.HasApplicantPhone)
        {
            logger.LogInformation("Review SMS {Event} of {ApplicationId} not sent: the letter is anonymous.", notice.Event, notice.ApplicationId);
            return;
        }

        var task = notice.TaskId is null ? null : (await tasks.GetAsync(notice.TaskId, cancellationToken)).Task;
        var department = task is null ? null : await catalog.GetDepartmentAsync(task.Department, cancellationToken);
        var id = $"sms-{notice.TaskId ?? notice.ApplicationId}-{notice.Event}-{notice.Recipient}";
        var delivery = await deliveries.BeginAsync(id, time.GetUtcNow(), cancellationToken);
        if (delivery.Status == SmsDelivery.Sent) return;
        if (await gateway.RecordEarlierSendAsync(deliveries, delivery, time.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("Review SMS {DeliveryId} was accepted by the gateway on an earlier attempt; recorded, not sent again.", id);
            return;
        }

        var phone = notice.Recipient switch
        {
            ReviewSmsNotice.Applicant => protector.Open<ApplicantSecret>(application.SealedApplicant, application.Id).Applicant.Phone,
            ReviewSmsNotice.Chief => department?.ChiefPhone ?? throw new InvalidOperationException($"No chief representative for task {notice.TaskId}."),
            _ => configuration["Supervision:Phone"] ?? DefaultSupervisorPhone,
        };
        var (template, text) = ReviewSmsTemplates.For(notice, application, task, department);
        var messageId = await gateway.SendAsync(phone, template, text, id, cancellationToken);
        await deliveries.MarkSentAsync(id, messageId, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Review SMS {DeliveryId} sent to {Phone}.", id, PersonalDataMask.Phone(phone));
    }
}
