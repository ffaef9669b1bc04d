using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.Domain.Departments;

/// <summary>
/// Signatures of the webhooks between OneWindow and department systems, both ways (API.md):
/// <c>X-Signature: sha256=&lt;hex HMAC-SHA256(secret, X-Timestamp + "." + rawBody)&gt;</c>, the timestamp in Unix
/// seconds and within 300 s of now. Works on the raw body bytes: re-serialising JSON would change what was signed.
/// </summary>
public static class DepartmentWebhookSignature
{
    /// <summary>How far a timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    private const string Prefix = "sha256=";

    /// <summary>The <c>X-Signature</c> value for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    /// <summary>Checks the headers of a received webhook against its raw body at <paramref name="now"/>.</summary>
    public static WebhookVerification Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || signatureHeader is null
            || !signatureHeader.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            || signatureHeader.Length != Prefix.Length + 64)
        {
            return WebhookVerification.MissingOrMalformedHeaders;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signatureHeader.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return WebhookVerification.MissingOrMalformedHeaders;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > Window.TotalSeconds)
        {
            return WebhookVerification.StaleTimestamp;
        }

        // Constant time, so the comparison does not tell an attacker how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Mac(secret, timestamp, body), given)
            ? WebhookVerification.Valid
            : WebhookVerification.BadSignature;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }
}
