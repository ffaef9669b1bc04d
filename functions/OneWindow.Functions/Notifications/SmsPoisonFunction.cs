using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// An SMS whose message kept failing (every queue try, then <c>&lt;queue&gt;-poison</c>) is not sent silently never: a
/// <c>sms-failed</c> alert is raised for the case, so the supervisors see it (<c>GET /api/supervision/alerts</c>) and can
/// reach the person another way. The poisoned message stays in the poison queue until an operator moves it back.
/// </summary>
public sealed class SmsPoisonFunction(IApplicationStore applications, IAlertStore alerts, TimeProvider time, ILogger<SmsPoisonFunction> logger)
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
        await alerts.RaiseAsync(alert, cancellationToken);
        logger.LogError("SMS {DeliveryId} landed in its poison queue; alert {AlertId} raised.", deliveryId, alert.Id);
    }
}
