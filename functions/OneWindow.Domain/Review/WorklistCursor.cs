using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace OneWindow.Domain.Review;

/// <summary>
/// The continuation token of a worklist page: opaque to clients, base64url of <c>&lt;status&gt;:&lt;position&gt;</c>. The
/// position is an offset into the ordered open list, or for a closed status the sequence number to continue before.
/// A token is only good for the status it was given for.
/// </summary>
public static class WorklistCursor
{
    public static string Encode(string status, long position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(status + ":" + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The position in <paramref name="token"/>; false when it is malformed or was given for another status.</summary>
    public static bool TryDecode(string token, string status, out long position)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(status);
        position = 0;
        if (token.Length is 0 or > 200 || !Base64Url.IsValid(token)) return false;
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        var colon = text.LastIndexOf(':');
        return colon > 0
            && text[..colon] == status
            && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out position)
            && position > 0;
    }
}
