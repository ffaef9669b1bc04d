using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Review;
using OneWindow.Functions.Review;
using OneWindow.Hosting.Queues;
using OneWindow.Orchestrations.Delivery;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// Creates the shipment at the courier for a case delivered by courier: recipient, phone and address decrypted here (the
/// message carries the application id only), the case number as the order reference and the licence numbers as the
/// documents. The waybill is indexed, then kept on the case (<c>dispatched</c>) and the applicant told. A courier that does
/// not answer delays the dispatch: the message comes back later (<c>Providers:Courier:Dispatch:*</c>, hours in all) and
/// after the last try a <c>dispatch-failed</c> alert is raised; nothing is lost or ordered twice.
/// </summary>
public sealed class CourierDispatchFunction(
    IApplicationStore applications,
    IWaybillIndex waybills,
    IAlertStore alerts,
    PersonalDataProtector protector,
    CourierClient courier,
    CourierDispatchSchedule schedule,
    IQueueMessageSender queue,
    TimeProvider time,
    ILogger<CourierDispatchFunction> logger)
{
    [Function("DispatchToCourier")]
    public async Task RunAsync([QueueTrigger(DeliveryQueues.CourierDispatch)] CourierDispatch message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var application = await applications.GetAsync(message.ApplicationId, cancellationToken);
        if (application is null)
        {
            logger.LogWarning("Dispatch for unknown application {ApplicationId} dropped.", message.ApplicationId);
            return;
        }

        if (application.Delivery?.Waybill is not null) return;
        var secret = protector.Open<ApplicantSecret>(application.SealedApplicant, application.Id);
        string waybill;
        try
        {
            waybill = await courier.CreateShipmentAsync(secret.Applicant.Name, secret.Applicant.Phone, secret.DeliveryAddress ?? "", application.Number, application.Delivery?.Documents ?? [], cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            await RetryLaterAsync(message, application, e, cancellationToken);
            return;
        }

        // The index first: the courier's first callback must find the case.
        await waybills.AddAsync(waybill, application.Id, cancellationToken);
        var now = time.GetUtcNow();
        await applications.UpdateAsync(application.Id, a => a.Delivery is not { Waybill: null } delivery ? null : a with
        {
            Delivery = delivery with { Waybill = waybill, Status = DeliveryStatus.Dispatched, DispatchedAt = now },
        }, cancellationToken);
        await alerts.CloseAsync(AlertId(application.Id), cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(application.Id, DeliveryActivities.DispatchedSms), cancellationToken: cancellationToken);
        logger.LogInformation("Application {ApplicationId} dispatched to {Recipient} (try {Attempt}).", application.Id, PersonalDataMask.Name(secret.Applicant.Name), message.Attempt);
    }

    private async Task RetryLaterAsync(CourierDispatch message, ApplicationRecord application, Exception failure, CancellationToken cancellationToken)
    {
        var options = schedule.Options;
        if (message.Attempt < options.MaxAttempts)
        {
            var delay = options.DelayBefore(message.Attempt + 1);
            await queue.SendAsync(DeliveryQueues.CourierDispatch, message with { Attempt = message.Attempt + 1 }, delay, cancellationToken);
            logger.LogWarning("Dispatch of {ApplicationId}: try {Attempt} of {Max} failed ({Failure}); next in {Delay}.", application.Id, message.Attempt, options.MaxAttempts, failure.GetType().Name, delay);
            return;
        }

        await alerts.RaiseAsync(new Alert(AlertId(application.Id), application.Id, application.Number, "", ProviderSecrets.Courier, Alert.DispatchFailed, null, time.GetUtcNow()), cancellationToken);
        logger.LogError("Dispatch of {ApplicationId} given up after {Attempts} tries; alert raised.", application.Id, message.Attempt);
    }

    private static string AlertId(string applicationId) => $"{applicationId}-{Alert.DispatchFailed}";
}
