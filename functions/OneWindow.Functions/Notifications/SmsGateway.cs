using System.Net.Http.Json;
using System.Text.Json;
using OneWindow.Domain.Applications;

namespace OneWindow.Functions.Notifications;

/// <summary>The SMS gateway (the provider sandbox locally): typed client with the standard resilience pipeline.</summary>
public sealed class SmsGateway(HttpClient http, SmsReceiptLinks receipts)
{
    /// <summary>
    /// Sends one SMS; <paramref name="reference"/> lets the gateway and receipts correlate it with our dedupe record, and the
    /// gateway posts the delivery receipt to the callback URL of <see cref="SmsReceiptLinks"/>.
    /// </summary>
    public async Task<string?> SendAsync(string to, string template, string text, string reference, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("gateway/sms/send", new { to, template, text, reference, callbackUrl = receipts.For(reference) }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null;
    }

    /// <summary>
    /// Asks the gateway whether it already accepted a message with <paramref name="reference"/>: its message id, or null.
    /// Used before sending again after an attempt that may have reached the gateway (decision 0501).
    /// </summary>
    public async Task<(bool Found, string? MessageId)> FindSentAsync(string reference, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("gateway/sms/sent?reference=" + Uri.EscapeDataString(reference), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return (false, null);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return (true, body.RootElement.TryGetProperty("messageId", out var id) ? id.GetString() : null);
    }

    /// <summary>
    /// For a retried delivery (<see cref="SmsDelivery.Attempts"/> &gt; 1): if an earlier attempt reached the gateway but died
    /// before recording it (decision 0501), records it as sent and returns true, so the caller does not send it again.
    /// </summary>
    public async Task<bool> RecordEarlierSendAsync(ISmsDeliveryStore deliveries, SmsDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(delivery);
        if (delivery.Attempts <= 1 || await FindSentAsync(delivery.Id, cancellationToken) is not (true, var sentId)) return false;
        await deliveries.MarkSentAsync(delivery.Id, sentId, now, cancellationToken);
        return true;
    }
}
