using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identity;
using OneWindow.Hosting;
using OneWindow.Hosting.Queues;
using OneWindow.Orchestrations.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// Sends the applicant's SMS for a case event. The message carries references only; the phone is decrypted here.
/// Exactly one SMS per case and event: the dedupe record is created before the first send and marked sent after it,
/// so a retried message (or a duplicate one) finds it sent and stops.
/// </summary>
public sealed class ApplicantSmsFunction(
    IApplicationStore applications,
    ISmsDeliveryStore deliveries,
    PersonalDataProtector protector,
    SmsGateway gateway,
    TimeProvider time,
    ILogger<ApplicantSmsFunction> logger)
{
    [Function("SendApplicantSms")]
    public async Task RunAsync([QueueTrigger(ApplicationQueues.SmsOutbox)] SmsNotice notice, FunctionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var application = await applications.GetAsync(notice.ApplicationId, cancellationToken);
        if (application is null)
        {
            logger.LogWarning("SMS {Event} for unknown application {ApplicationId} dropped.", notice.Event, notice.ApplicationId);
            return;
        }

        if (!application.HasApplicantPhone)
        {
            logger.LogInformation("SMS {Event} of {ApplicationId} not sent: the letter is anonymous (its writer reads it in their list).", notice.Event, notice.ApplicationId);
            return;
        }

        var id = $"sms-{notice.ApplicationId}-{notice.Event}";
        var delivery = await deliveries.BeginAsync(id, time.GetUtcNow(), cancellationToken);
        if (delivery.Status == SmsDelivery.Sent)
        {
            logger.LogInformation("SMS {DeliveryId} was already sent; message {MessageId} (try {DequeueCount}) ends here.", id, context.BindingContext.BindingData.GetValueOrDefault("Id"), context.BindingContext.BindingData.GetValueOrDefault("DequeueCount"));
            return;
        }

        if (await gateway.RecordEarlierSendAsync(deliveries, delivery, time.GetUtcNow(), cancellationToken))
        {
            logger.LogInformation("SMS {DeliveryId} was accepted by the gateway on an earlier attempt; recorded, not sent again.", id);
            return;
        }

        var pickupCode = application.Delivery?.SealedPickupCode is { } sealedCode && notice.Event == DeliveryActivities.ReadyForPickupSms ? protector.Open<string>(sealedCode, application.Id) : null;
        var (template, text) = SmsTemplates.For(notice.Event, application, pickupCode);
        var phone = protector.Open<ApplicantSecret>(application.SealedApplicant, application.Id).Applicant.Phone;
        var messageId = await gateway.SendAsync(phone, template, text, id, cancellationToken);
        await deliveries.MarkSentAsync(id, messageId, time.GetUtcNow(), cancellationToken);
        logger.LogInformation("SMS {DeliveryId} sent to {Phone} (attempt {Attempt}).", id, PersonalDataMask.Phone(phone), delivery.Attempts);
    }
}
