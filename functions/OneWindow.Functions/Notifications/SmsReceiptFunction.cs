using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Delivery;
using OneWindow.Functions.Review;
using OneWindow.Functions.Webhooks;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// The SMS gateway's delivery receipts <c>{messageId, reference, status, deliveredAt}</c>, posted to the URL of
/// <see cref="SmsReceiptLinks"/>: the receipt's status is kept on the message's dedupe record (apart from its sending
/// status). A token that does not belong to the reference → 401; an unknown message → 404.
/// </summary>
[AllowAnonymous]
public sealed class SmsReceiptFunction(ISmsDeliveryStore deliveries, SmsReceiptLinks links, ILogger<SmsReceiptFunction> logger)
{
    private static readonly HashSet<string> Statuses = new(StringComparer.Ordinal) { "delivered", "failed", "expired", "rejected", "unknown" };

    [Function("ReceiveSmsReceipt")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/sms-receipts")] HttpRequest req, CancellationToken cancellationToken)
    {
        var reference = req.Query["reference"].ToString();
        var token = req.Query["token"].ToString();
        if (reference.Length is 0 or > 300 || token.Length is 0 or > 100 || !links.Verify(reference, token))
            return SignedWebhooks.Unauthorized("The receipt URL's reference and token do not match a message we sent.");
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var json = (System.Text.Json.Nodes.JsonObject)body!;
        var status = ReviewRequests.Text(json, "status", true, 20, errors);
        if (status is not null && !Statuses.Contains(status)) ReviewRequests.Add(errors, "status", "status must be one of " + string.Join(", ", Statuses) + ".");
        var at = DeliveryRequests.Time(json, "deliveredAt", errors);
        ReviewRequests.Text(json, "messageId", false, 100, errors);
        if (ReviewRequests.Text(json, "reference", false, 300, errors) is { } named && named != reference) ReviewRequests.Add(errors, "reference", "reference must be the one of the receipt URL.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        if (!await deliveries.RecordReceiptAsync(reference, status!, at!.Value, cancellationToken)) return ApplicationHttp.NotFound($"No message {reference}.");
        logger.LogInformation("SMS {DeliveryId}: receipt {Status}.", reference, status);
        return Results.Json(new { reference, status }, statusCode: StatusCodes.Status202Accepted);
    }
}
