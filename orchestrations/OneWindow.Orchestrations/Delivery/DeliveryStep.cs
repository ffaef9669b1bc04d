using Microsoft.DurableTask;
using OneWindow.Domain.Delivery;

namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// The application orchestration after approval (docs/orchestrations.md): payment when a fee is due, licence issuance
/// (queue <see cref="LicenceIssuance.QueueName"/>, event <see cref="LicenceIssuance.EventName"/>), then the courier
/// (shipment by a queue function, delivered when the parcel is signed for) or pickup (code by SMS, delivered when the
/// clerk confirms it). Only event waits: no deadline runs here, so the development clock does not concern it.
/// </summary>
public static class DeliveryStep
{
    /// <summary>Runs the step; returns <c>delivered</c>.</summary>
    public static async Task<string> RunAsync(TaskOrchestrationContext context, string applicationId, EventWaits events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var plan = await context.CallActivityAsync<DeliveryPlan>(DeliveryActivities.PrepareDelivery, applicationId, ActivityRetry.Options);
        if (plan.AwaitingPayment)
        {
            // The payment webhook records the payment on the case before it raises the event; a payment made before
            // approval was seen by PrepareDelivery, and its event (buffered) is never waited for.
            context.SetCustomStatus(DeliveryStatus.AwaitingPayment);
            await events.TakeAsync<PaymentReceived>(DeliveryEvents.PaymentReceived);
        }

        context.SetCustomStatus("issuing-licences");
        await context.CallActivityAsync(DeliveryActivities.RequestLicences, applicationId, ActivityRetry.Options);
        var issued = await events.TakeAsync<LicencesIssued>(LicenceIssuance.EventName);
        await context.CallActivityAsync(DeliveryActivities.RecordLicences, new LicencesStep(applicationId, issued.Numbers ?? []), ActivityRetry.Options);

        DeliveryConfirmation confirmation;
        if (plan.Method == DeliveryStatus.Courier)
        {
            await context.CallActivityAsync(DeliveryActivities.DispatchShipment, applicationId, ActivityRetry.Options);
            context.SetCustomStatus("dispatching");
            confirmation = await events.TakeAsync<DeliveryConfirmation>(DeliveryEvents.ParcelSigned);
        }
        else
        {
            await context.CallActivityAsync(DeliveryActivities.OfferPickup, applicationId, ActivityRetry.Options);
            context.SetCustomStatus(DeliveryStatus.ReadyForPickup);
            confirmation = await events.TakeAsync<DeliveryConfirmation>(DeliveryEvents.PickupConfirmed);
        }

        await context.CallActivityAsync(DeliveryActivities.CompleteDelivery, new DeliveryCompletion(applicationId, confirmation.At, confirmation.Actor), ActivityRetry.Options);
        context.SetCustomStatus(DeliveryStatus.Delivered);
        return DeliveryStatus.Delivered;
    }
}
