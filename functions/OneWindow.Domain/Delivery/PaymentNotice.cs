using System.Globalization;
using System.Numerics;
using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Delivery;

/// <summary>
/// Payment notice numbers (缴款码): the 18 digits of the case number (county, date, sequence) and two check digits
/// (ISO 7064 MOD 97-10, as IBANs), 20 digits as non-tax payment codes are. A mistyped digit fails the check, and the
/// case is found from the notice by its number without another index.
/// </summary>
public static class PaymentNotice
{
    /// <summary>The notice of a case with <paramref name="applicationNumber"/> (e.g. 341881-20261122-0007).</summary>
    public static string For(string applicationNumber)
    {
        var number = ApplicationNumber.TryParse(applicationNumber) ?? throw new ArgumentException($"'{applicationNumber}' is not a case number.", nameof(applicationNumber));
        if (number.Sequence > 9999) throw new ArgumentException("The sequence does not fit a payment notice.", nameof(applicationNumber));
        var digits = string.Create(CultureInfo.InvariantCulture, $"{number.CountyCode}{number.Date:yyyyMMdd}{number.Sequence:0000}");
        var check = 98 - (int)(BigInteger.Parse(digits + "00", CultureInfo.InvariantCulture) % 97);
        return digits + check.ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The case number a notice was made from, or null when it is not a well-formed notice.</summary>
    public static string? ApplicationNumberOf(string? notice)
    {
        if (notice is not { Length: 20 } || !notice.All(char.IsAsciiDigit)) return null;
        if (BigInteger.Parse(notice, CultureInfo.InvariantCulture) % 97 != 1) return null;
        var number = $"{notice[..6]}-{notice[6..14]}-{notice[14..18]}";
        return ApplicationNumber.TryParse(number) is null ? null : number;
    }
}
