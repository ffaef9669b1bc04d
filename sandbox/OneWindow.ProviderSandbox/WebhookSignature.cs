using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneWindow.ProviderSandbox;

/// <summary>
/// HMAC-SHA256 webhook signatures as API.md defines them:
/// <c>X-Signature: sha256=&lt;hex HMAC-SHA256(secret, X-Timestamp + "." + rawBody)&gt;</c>.
/// Self-contained on purpose: the sandbox must not share OneWindow's own webhook code, so a bug there shows up here.
/// </summary>
public static class WebhookSignature
{
    /// <summary>How far a timestamp may be from now, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    /// <summary>Signs <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="body"/> at <paramref name="timestampHeader"/>
    /// and the timestamp is within <see cref="Window"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string body, string? signature, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var age = Math.Abs(now.ToUnixTimeSeconds() - timestamp);
        if (age > Window.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        // Constant-time so the compare does not leak how many leading characters were right.
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
