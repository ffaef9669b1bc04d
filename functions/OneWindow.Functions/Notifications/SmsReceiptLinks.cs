using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// The delivery-receipt callback URL given to the SMS gateway with each message. Gateways post receipts unsigned, so the
/// URL itself carries the proof: <c>token = HMAC-SHA256(Providers:Sms:ReceiptSecret, reference)</c>, one per message.
/// The base URL is <c>Providers:Sms:ReceiptBaseUrl</c>, else <c>Host:BaseUrl</c>; without a base URL or a secret (outside
/// Development) no receipts are asked for.
/// </summary>
public sealed class SmsReceiptLinks
{
    private readonly byte[]? key;
    private readonly string? baseUrl;

    public SmsReceiptLinks(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var secret = configuration["Providers:Sms:ReceiptSecret"];
        if (string.IsNullOrEmpty(secret) && environment.IsDevelopment()) secret = "demo-secret-sms-receipts";
        key = string.IsNullOrEmpty(secret) ? null : Encoding.UTF8.GetBytes(secret);
        baseUrl = (configuration["Providers:Sms:ReceiptBaseUrl"] ?? configuration["Host:BaseUrl"] ?? (environment.IsDevelopment() ? "http://127.0.0.1:7071" : null))?.TrimEnd('/');
    }

    /// <summary>The callback URL for the message with <paramref name="reference"/> (its dedupe record id), or null.</summary>
    public string? For(string reference) =>
        key is null || baseUrl is null ? null : $"{baseUrl}/api/webhooks/sms-receipts?reference={Uri.EscapeDataString(reference)}&token={Token(reference)}";

    /// <summary>Whether <paramref name="token"/> is the one given out for <paramref name="reference"/> (constant time).</summary>
    public bool Verify(string reference, string token) =>
        key is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Token(reference)), Encoding.ASCII.GetBytes(token));

    private string Token(string reference) => Convert.ToHexStringLower(HMACSHA256.HashData(key!, Encoding.UTF8.GetBytes(reference)));
}
