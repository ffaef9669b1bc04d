using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OneWindow.Domain.Applications;

/// <summary>
/// Derives the application id from the caller and the Idempotency-Key, and fingerprints the request body,
/// so a repeated submission lands on the same documents and the same orchestration instance.
/// </summary>
public static class ApplicationIds
{
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>"app-" + 20 base32 characters of SHA-256(subject + "\n" + key); no personal data survives hashing.</summary>
    public static string DeriveId(string subject, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + idempotencyKey));
        return "app-" + ToBase32(hash)[..20];
    }

    /// <summary>SHA-256 (hex) of the canonical JSON of the body: object keys sorted, no whitespace.</summary>
    public static string Fingerprint(JsonNode? body)
    {
        var canonical = Canonical(body)?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static string ToBase32(byte[] bytes)
    {
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Base32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(Base32[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }
}
