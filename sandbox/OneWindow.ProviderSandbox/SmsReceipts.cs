using System.Net.Http.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>
/// Delivery receipts, as a real SMS gateway sends them: after answering the send request, POST
/// <c>{messageId, reference, status: "delivered", deliveredAt}</c> to the callback URL the request gave.
/// </summary>
public sealed partial class SmsReceipts(IHttpClientFactory clients, TimeProvider time, ILogger<SmsReceipts> logger)
{
    /// <summary>Sends the receipt in the background; the send request must not wait for the callback.</summary>
    public void Send(Uri callback, string messageId, string? reference) =>
        _ = Task.Run(() => SendAsync(callback, messageId, reference));

    private async Task SendAsync(Uri callback, string messageId, string? reference)
    {
        try
        {
            using var response = await clients.CreateClient("onewindow").PostAsJsonAsync(
                callback,
                new { messageId, reference, status = "delivered", deliveredAt = time.GetUtcNow() });
            LogReceipt(logger, messageId, (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            // A receipt that cannot be delivered is lost, as with real gateways; OneWindow must not depend on it.
            LogReceiptFailed(logger, ex, messageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS receipt for {MessageId} answered {Status}")]
    private static partial void LogReceipt(ILogger logger, string messageId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMS receipt for {MessageId} could not be delivered")]
    private static partial void LogReceiptFailed(ILogger logger, Exception exception, string messageId);
}
