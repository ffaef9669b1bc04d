using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OneWindow.Domain.Applications;

/// <summary>
/// AES-256-GCM sealing of personal data. The application id is the associated data, so a sealed block copied
/// into another document does not open. Output: base64 of nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class PersonalDataProtector
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[] key;

    public PersonalDataProtector(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32) throw new ArgumentException("The data key must be 32 bytes (AES-256).", nameof(key));
        this.key = key.ToArray();
    }

    public static PersonalDataProtector FromBase64(string base64) => new(Convert.FromBase64String(base64));

    public string Seal<T>(T value, string associatedId)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var output = new byte[12 + 16 + plain.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes(associatedId));
        return Convert.ToBase64String(output);
    }

    public T Open<T>(string sealedValue, string associatedId)
    {
        var input = Convert.FromBase64String(sealedValue);
        if (input.Length < 28) throw new CryptographicException("The sealed value is too short.");
        var plain = new byte[input.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(input.AsSpan(0, 12), input.AsSpan(28), input.AsSpan(12, 16), plain, Encoding.UTF8.GetBytes(associatedId));
        return JsonSerializer.Deserialize<T>(plain, Json) ?? throw new CryptographicException("The sealed value is empty.");
    }
}
