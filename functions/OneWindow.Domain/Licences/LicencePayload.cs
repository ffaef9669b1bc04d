using System.Globalization;
using System.Text;

namespace OneWindow.Domain.Licences;

/// <summary>
/// The signed fields of a licence and their one text form (docs/licences.md). The canonical form
/// <c>OWL1|number|version|itemCode|issuer|kind|holder|holderId|issuedOn|validUntil</c> (UTF-8; dates yyyyMMdd, validUntil
/// <c>0</c> when long-term) is what the issuer signs; the QR code carries it followed by <c>|</c> and the signature, so a
/// printed licence is checked offline with only the issuer's public key.
/// </summary>
public sealed record LicencePayload(
    string Number,
    int Version,
    string ItemCode,
    string Issuer,
    string Kind,
    string Holder,
    string HolderId,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    string? Signature = null)
{
    /// <summary>The format marker and version, the payload's first field.</summary>
    public const string Marker = "OWL1";
    private const char Separator = '|';
    private const int FieldCount = 11;

    /// <summary>The payload of a stored licence (its holder's name opened by the caller).</summary>
    public static LicencePayload Of(Licence licence, string holderName)
    {
        ArgumentNullException.ThrowIfNull(licence);
        return new(licence.Number, licence.Version, licence.ItemCode, licence.Issuer, licence.Kind, holderName, licence.HolderId,
            LicenceTime.DateOf(licence.IssuedAt), licence.ValidUntil is { } until ? LicenceTime.DateOf(until) : null, licence.Signature);
    }

    /// <summary>The text that is signed.</summary>
    public string Canonical() => string.Join(Separator,
        Marker, Field(Number), Version.ToString(CultureInfo.InvariantCulture), Field(ItemCode), Field(Issuer), Field(Kind), Field(Holder), Field(HolderId),
        LicenceTime.Compact(IssuedOn), ValidUntil is { } until ? LicenceTime.Compact(until) : "0");

    /// <summary>The signed bytes: the canonical form in UTF-8.</summary>
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(Canonical());

    /// <summary>The QR code's text: the canonical form, <c>|</c>, the signature.</summary>
    public string ToQrText() => Canonical() + Separator + (Signature ?? throw new InvalidOperationException("The payload is not signed."));

    /// <summary>Reads a QR text; null (with the reason) when it is not an OWL1 payload.</summary>
    public static LicencePayload? Parse(string? text, out string? error)
    {
        error = null;
        var parts = (text ?? "").Trim().Split(Separator);
        if (parts.Length != FieldCount || parts[0] != Marker)
        {
            error = $"Not a licence payload: expected {FieldCount} fields separated by '|' starting with {Marker}.";
            return null;
        }

        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1) error = "The version is not a positive whole number.";
        else if (!TryDate(parts[8], out var issued)) error = "The issue date is not yyyyMMdd.";
        else if (parts[9] != "0" && !TryDate(parts[9], out _)) error = "The validity end is neither yyyyMMdd nor 0.";
        else if (parts[10].Length == 0) error = "The signature is missing.";
        else
        {
            DateOnly? until = parts[9] == "0" ? null : DateOnly.ParseExact(parts[9], "yyyyMMdd", CultureInfo.InvariantCulture);
            return new(parts[1], version, parts[3], parts[4], parts[5], parts[6], parts[7], issued, until, parts[10]);
        }

        return null;
    }

    /// <summary>A value as written in the canonical form: the separator becomes its full-width form, line breaks spaces.</summary>
    private static string Field(string value) => value.Replace('|', '｜').Replace('\r', ' ').Replace('\n', ' ');

    private static bool TryDate(string text, out DateOnly day) => DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
