using System.Globalization;
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
/// The bank's side of fees (API.md "Licences and delivery"), signed as department webhooks with the bank's secret: its
/// look-up of a payment notice (what to charge) and its payment callback. A payment is written to the case (once, kept
/// with its transaction id) before the case's orchestration is told; an amount that is not the notice's is a 409 and
/// changes nothing; a forged, stale or replayed callback is a 401 and changes nothing.
/// </summary>
[AllowAnonymous]
public sealed class PaymentFunctions(
    IApplicationStore applications,
    SignedWebhooks webhooks,
    ProviderSecrets secrets,
    ILogger<PaymentFunctions> logger)
{
    private const string Sender = ProviderSecrets.Bank;

    /// <summary>The bank asks what a notice charges (no personal data in the answer).</summary>
    [Function("GetPaymentNotice")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/payment-notices/{notice}")] HttpRequest req, string notice, CancellationToken cancellationToken)
    {
        var secret = secrets.Resolve(Sender);
        if (secret is null) return SignedWebhooks.Unauthorized("No bank is configured.");
        var (_, refused) = await webhooks.ReadAsync(req, Sender, secret, TimeProvider.System.GetUtcNow(), cancellationToken);
        if (refused is not null) return refused;
        var (application, fee, missing) = await FindAsync(notice, cancellationToken);
        if (missing is not null) return missing;
        return Results.Json(new { paymentNotice = fee!.PaymentNotice, amount = fee.Amount, currency = fee.Currency, status = fee.Status, number = application!.Number, itemName = application.ItemName });
    }

    [Function("ReceivePaymentWebhook")]
    public async Task<IResult> ReceiveAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/payments")] HttpRequest req, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow();
        var (raw, deliveryId, refused) = await webhooks.ReadNewAsync(req, Sender, secrets.Resolve(Sender), now, cancellationToken);
        if (refused is not null) return refused;

        var (body, invalid) = JsonBody.ParseObject(raw);
        if (invalid is not null) return invalid;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var notice = ReviewRequests.Text(body!, "paymentNotice", true, 40, errors);
        var amount = DeliveryRequests.Amount(body!, "amount", errors);
        var paidAt = DeliveryRequests.Time(body!, "paidAt", errors);
        var transactionId = ReviewRequests.Text(body!, "transactionId", true, 64, errors);
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        var (application, fee, missing) = await FindAsync(notice!, cancellationToken);
        if (missing is not null) return missing;
        if (fee!.Status == CaseFee.Waived) return ApplicationHttp.Conflict($"Notice {notice} is waived: nothing is due.", "paymentNotice");
        if (application!.Status is "rejected" or "terminated") return ApplicationHttp.Conflict($"Case {application.Number} ended {application.Status}: nothing is due.", "paymentNotice");
        if (amount != fee.Amount) return ApplicationHttp.Conflict(string.Create(CultureInfo.InvariantCulture, $"Notice {notice} is for {fee.Amount:0.00} {fee.Currency}, not {amount:0.00}."), "amount");
        if (fee.Status == CaseFee.Paid && fee.TransactionId != transactionId) return ApplicationHttp.Conflict($"Notice {notice} was already paid by another transaction.", "transactionId");
        if (!await webhooks.RememberAsync(req, Sender, deliveryId!, now, cancellationToken)) return webhooks.Replayed(Sender, deliveryId!);

        await applications.UpdateAsync(application.Id, a => a.Delivery?.Fee is not { Status: CaseFee.Due } due ? null : a with
        {
            Delivery = a.Delivery with
            {
                Fee = due with { Status = CaseFee.Paid, PaidAt = paidAt, TransactionId = transactionId },
                Status = a.Delivery.Status == DeliveryStatus.AwaitingPayment ? DeliveryStatus.Pending : a.Delivery.Status,
            },
        }, cancellationToken);
        var stored = await applications.GetAsync(application.Id, cancellationToken);
        if (stored?.Delivery?.Fee is not { Status: CaseFee.Paid } paid || paid.TransactionId != transactionId)
            return ApplicationHttp.Conflict($"Notice {notice} was already paid by another transaction.", "transactionId");

        // Raised on every accepted callback of this transaction, so a bank retry gets an event through that a crash lost.
        await durable.RaiseEventAsync(application.Id, DeliveryEvents.PaymentReceived, new PaymentReceived(notice!, transactionId!), cancellationToken);
        logger.LogInformation("Payment of notice {Notice} recorded for application {ApplicationId}.", notice, application.Id);
        return Results.Json(new { paymentNotice = notice, status = CaseFee.Paid }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The case and fee of a notice, or a 400 (not a notice number) or 404 (no case has it).</summary>
    private async Task<(ApplicationRecord? Application, CaseFee? Fee, IResult? Problem)> FindAsync(string notice, CancellationToken cancellationToken)
    {
        var number = PaymentNotice.ApplicationNumberOf(notice);
        if (number is null) return (null, null, ApplicationHttp.Invalid("paymentNotice", "paymentNotice must be a 20-digit payment notice number with its check digits."));
        var id = await applications.FindByNumberAsync(number, cancellationToken);
        var application = id is null ? null : await applications.GetAsync(id, cancellationToken);
        return application?.Delivery?.Fee is { } fee && fee.PaymentNotice == notice
            ? (application, fee, null)
            : (null, null, ApplicationHttp.NotFound($"No payment notice {notice}."));
    }
}
