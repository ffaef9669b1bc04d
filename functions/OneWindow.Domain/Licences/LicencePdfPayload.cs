using System.Buffers.Text;
using System.Text;

namespace OneWindow.Domain.Licences;

/// <summary>
/// The licence payload as a PDF carries it: the QR text, UTF-8, base64url, after <see cref="Prefix"/> in the document's
/// Keywords. The text is ASCII, so the PDF stores it as a plain string whatever its writer; reading it back is a byte search.
/// </summary>
public static class LicencePdfPayload
{
    public const string Prefix = "OWL1B64:";

    /// <summary>The Keywords value for a QR text.</summary>
    public static string Keywords(string qrText) => Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(qrText));

    /// <summary>The QR text embedded in a PDF's bytes, or null when there is none.</summary>
    public static string? Extract(ReadOnlySpan<byte> pdf)
    {
        var prefix = Encoding.ASCII.GetBytes(Prefix);
        var at = pdf.IndexOf(prefix);
        if (at < 0) return null;
        var rest = pdf[(at + prefix.Length)..];
        var length = 0;
        while (length < rest.Length && IsBase64Url(rest[length])) length++;
        if (length == 0 || !Base64Url.IsValid(rest[..length])) return null;
        return Encoding.UTF8.GetString(Base64Url.DecodeFromUtf8(rest[..length]));
    }

    private static bool IsBase64Url(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_';
}
