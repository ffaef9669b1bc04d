using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Hosting.Queues;

namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// The delivery step's activities. Each is idempotent: it compares the case's delivery state before writing, and the
/// SMS it enqueues are deduplicated per case and event by the SMS function (decision 0501).
/// </summary>
public sealed class DeliveryActivities(
    IApplicationStore applications,
    IQueueMessageSender queue,
    PersonalDataProtector protector,
    TimeProvider time,
    ILogger<DeliveryActivities> logger)
{
    public const string PrepareDelivery = "PrepareDelivery";
    public const string RequestLicences = "RequestLicences";
    public const string RecordLicences = "RecordLicences";
    public const string DispatchShipment = "DispatchShipment";
    public const string OfferPickup = "OfferPickup";
    public const string CompleteDelivery = "CompleteDelivery";

    /// <summary>SMS events of the delivery step (templates in the functions' Notifications).</summary>
    public const string FeeDueSms = "fee-due", ReadyForPickupSms = "ready-for-pickup", DispatchedSms = "dispatched", DeliveredSms = "delivered";

    /// <summary>Starts delivery: <c>awaiting-payment</c> when the fee fixed at acceptance is still due (and the applicant is told), else <c>pending</c>.</summary>
    [Function(PrepareDelivery)]
    public async Task<DeliveryPlan> PrepareAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var saved = await applications.UpdateAsync(applicationId, a =>
        {
            var delivery = a.Delivery ?? new CaseDelivery();
            if (a.Delivery is not null && delivery.Status != DeliveryStatus.Pending) return null;
            return a with { Delivery = delivery with { Status = delivery.Fee is { Status: CaseFee.Due } ? DeliveryStatus.AwaitingPayment : DeliveryStatus.Pending } };
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {applicationId} not found.");
        var awaiting = saved.Delivery?.Fee is { Status: CaseFee.Due };
        if (awaiting) await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(applicationId, FeeDueSms), cancellationToken: cancellationToken);
        logger.LogInformation("Application {ApplicationId} approved: delivery by {Method}{Payment}.", applicationId, saved.DeliveryMethod, awaiting ? ", waiting for payment" : "");
        return new DeliveryPlan(saved.DeliveryMethod, awaiting);
    }

    /// <summary>Asks licence issuance for the case's licences (a repeated request is the issuer's to ignore).</summary>
    [Function(RequestLicences)]
    public Task RequestLicencesAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken) =>
        queue.SendAsync(LicenceIssuance.QueueName, new LicenceIssuanceRequest(applicationId), cancellationToken: cancellationToken);

    /// <summary>Keeps the licence numbers on the case, and when: they are the documents the courier carries or the window hands over.</summary>
    [Function(RecordLicences)]
    public async Task RecordLicencesAsync([ActivityTrigger] LicencesStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var now = time.GetUtcNow();
        await applications.UpdateAsync(step.ApplicationId, a =>
        {
            var delivery = a.Delivery ?? new CaseDelivery();
            return delivery.Documents.SequenceEqual(step.Numbers) ? null : a with { Delivery = delivery with { Documents = step.Numbers, LicencesIssuedAt = now } };
        }, cancellationToken);
    }

    /// <summary>Hands the shipment to the courier dispatch queue (the function keeps the waybill); nothing once a waybill exists.</summary>
    [Function(DispatchShipment)]
    public async Task DispatchAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken) ?? throw new InvalidOperationException($"Application {applicationId} not found.");
        if (application.Delivery?.Waybill is not null) return;
        await queue.SendAsync(DeliveryQueues.CourierDispatch, new CourierDispatch(applicationId), cancellationToken: cancellationToken);
    }

    /// <summary>Makes the pickup code (once; sealed like the applicant block), marks the case ready for pickup and tells the applicant.</summary>
    [Function(OfferPickup)]
    public async Task OfferPickupAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        var now = time.GetUtcNow();
        await applications.UpdateAsync(applicationId, a =>
        {
            var delivery = a.Delivery ?? new CaseDelivery();
            return delivery.SealedPickupCode is not null ? null : a with
            {
                Delivery = delivery with { Status = DeliveryStatus.ReadyForPickup, SealedPickupCode = protector.Seal(code, a.Id), ReadyAt = now },
            };
        }, cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(applicationId, ReadyForPickupSms), cancellationToken: cancellationToken);
    }

    /// <summary>The case is <c>delivered</c>: status, time and who reported it; the applicant's list and an SMS.</summary>
    [Function(CompleteDelivery)]
    public async Task CompleteAsync([ActivityTrigger] DeliveryCompletion step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var delivered = ApplicationStatusNames.ToWire(ApplicationStatus.Delivered);
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Status == delivered ? null : a with
        {
            Status = delivered,
            Delivery = (a.Delivery ?? new CaseDelivery()) with { Status = DeliveryStatus.Delivered, DeliveredAt = step.At, DeliveredBy = step.Actor },
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        await applications.PutApplicantListEntryAsync(saved.OwnerHash, saved.ListEntry(), cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(step.ApplicationId, DeliveredSms), cancellationToken: cancellationToken);
        logger.LogInformation("Application {ApplicationId} delivered ({Actor}).", step.ApplicationId, step.Actor);
    }
}
