using Microsoft.Extensions.Logging;
using OneWindow.Domain.Review;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// Hourly: deletes the department webhooks' delivery ids and signatures that have expired. The local Cosmos server
/// ignores TTL (in Azure the container's TTL removes them as well, from each record's <c>ttl</c>); the store's hourly
/// expiry buckets drive the sweep, so it needs no query.
/// </summary>
public sealed class WebhookDeliverySweep(IWebhookDeliveryStore deliveries, TimeProvider time, ILogger<WebhookDeliverySweep> logger)
{
    [Function("SweepWebhookDeliveries")]
    public async Task RunAsync([TimerTrigger("0 5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await deliveries.SweepExpiredAsync(time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Webhook delivery sweep deleted {Count} expired records.", deleted);
    }
}
