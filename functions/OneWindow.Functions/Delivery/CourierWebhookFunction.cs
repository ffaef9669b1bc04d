using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Review;
using OneWindow.Functions.Webhooks;
using OneWindow.Hosting;
using OneWindow.Hosting.Http;
using OneWindow.Orchestrations.Delivery;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// The courier's tracking callbacks (API.md), signed as department webhooks with the courier's secret:
/// <c>{waybill, status: collected|in-transit|signed, at}</c> recorded on the case; <c>signed</c> tells the case's
/// orchestration, which makes the case <c>delivered</c>. Unknown waybill → 404; forged, stale or replayed → 401, no effect.
/// </summary>
[AllowAnonymous]
public sealed class CourierWebhookFunction(
    IApplicationStore applications,
    IWaybillIndex waybills,
    SignedWebhooks webhooks,
    ProviderSecrets secrets,
    ILogger<CourierWebhookFunction> logger)
{
    private const string Sender = ProviderSecrets.Courier;

    [Function("ReceiveCourierWebhook")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/courier")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var (raw, deliveryId, refused) = await webhooks.ReadNewAsync(req, Sender, secrets.Resolve(Sender), now, cancellationToken);
        if (refused is not null) return refused;

        var (body, invalid) = JsonBody.ParseObject(raw);
        if (invalid is not null) return invalid;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var waybill = ReviewRequests.Text(body!, "waybill", true, 64, errors);
        var status = ReviewRequests.Text(body!, "status", true, 20, errors);
        if (status is not null && !DeliveryStatus.TrackingStatuses.Contains(status)) ReviewRequests.Add(errors, "status", "status must be collected, in-transit or signed.");
        var at = DeliveryRequests.Time(body!, "at", errors);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        var applicationId = await waybills.FindAsync(waybill!, cancellationToken);
        if (applicationId is null) return ApplicationHttp.NotFound($"No shipment with waybill {waybill}.");
        if (!await webhooks.RememberAsync(req, Sender, deliveryId!, now, cancellationToken)) return webhooks.Replayed(Sender, deliveryId!);

        var tracked = new TrackingEvent(status!, at!.Value, now);
        await applications.UpdateAsync(applicationId, a => a.Delivery is not { } delivery || delivery.Tracking.Any(t => t.Status == tracked.Status && t.At == tracked.At) ? null : a with
        {
            Delivery = delivery with { Tracking = [.. delivery.Tracking, tracked] },
        }, cancellationToken);
        if (status == DeliveryStatus.SignedFor)
        {
            await durable.RaiseEventAsync(applicationId, DeliveryEvents.ParcelSigned, new DeliveryConfirmation(at.Value, "system:" + Sender), cancellationToken);
        }

        logger.LogInformation("Courier reported {Status} for application {ApplicationId}.", status, applicationId);
        return Results.Json(new { waybill, status }, statusCode: StatusCodes.Status202Accepted);
    }
}
