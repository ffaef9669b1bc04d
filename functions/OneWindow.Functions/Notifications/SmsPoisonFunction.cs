using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// An SMS whose message kept failing (every queue try, then <c>&lt;queue&gt;-poison</c>) is not sent silently never: a
/// <c>sms-failed</c> alert is raised for the case, so the supervisors see it (<c>GET /api/supervision/alerts</c>) and can
/// reach the person another way, and the message's dedupe record is marked <c>failed</c>. As Azure's poison-queue
/// triggers do, this takes the message off the poison queue; the alert names the SMS (its record id), and enqueueing
/// the notice again re-drives it (the record is not <c>sent</c>, so it is sent once).
/// </summary>
public sealed class SmsPoisonFunction(IApplicationStore applications, IAlertStore alerts, ISmsDeliveryStore deliveries, TimeProvider time, ILogger<SmsPoisonFunction> logger)
{
    [Function("AlertPoisonedApplicantSms")]
    public Task ApplicantAsync([QueueTrigger(ApplicationQueues.SmsOutbox + "-poison")] SmsNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return RaiseAsync(notice.ApplicationId, null, $"sms-{notice.ApplicationId}-{notice.Event}", cancellationToken);
    }

    [Function("AlertPoisonedReviewSms")]
    public Task ReviewAsync([QueueTrigger(ReviewQueues.ReviewSms + "-poison")] ReviewSmsNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return RaiseAsync(notice.ApplicationId, notice.TaskId, $"sms-{notice.TaskId ?? notice.ApplicationId}-{notice.Event}-{notice.Recipient}", cancellationToken);
    }

    private async Task RaiseAsync(string applicationId, string? taskId, string deliveryId, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken);
        var alert = new Alert($"{deliveryId}-{Alert.SmsFailed}", applicationId, application?.Number ?? "", taskId ?? "", "sms-gateway", Alert.SmsFailed, null, time.GetUtcNow());
        await deliveries.MarkFailedAsync(deliveryId, time.GetUtcNow(), cancellationToken);
        await alerts.RaiseAsync(alert, cancellationToken);
        logger.LogError("SMS {DeliveryId} landed in its poison queue; alert {AlertId} raised.", deliveryId, alert.Id);
    }
}
