using System.Text;
using System.Text.RegularExpressions;
using OneWindow.Domain.Identity;

namespace OneWindow.Domain.Mailbox;

/// <summary>
/// Finds personal data written into free text: resident ID numbers (18 characters with a valid check character) and
/// mainland mobile numbers. Full-width digits count as digits, and spaces or dashes between digits are ignored, so
/// "１１０１０５ 1949..." is found as well. Used to refuse personal data in an anonymous letter and to mask it where a
/// text is shown publicly.
/// </summary>
public static partial class PersonalDataScan
{
    /// <summary>What was found: <c>id-number</c> and/or <c>phone</c> (empty when the text is clean).</summary>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var compact = Compact(text);
        var found = new List<string>();
        if (IdCandidate().Matches(compact).Any(m => ResidentIdNumber.TryParse(m.Value, out _) is not null)) found.Add("id-number");
        if (PhoneCandidate().IsMatch(compact)) found.Add("phone");
        return found;
    }

    /// <summary>The text with every ID number and mobile number replaced by asterisks (for public display).</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = text.Normalize(NormalizationForm.FormKC);
        var masked = IdCandidate().Replace(normal, m => ResidentIdNumber.TryParse(m.Value, out _) is not null ? new string('*', m.Length) : m.Value);
        return PhoneCandidate().Replace(masked, m => new string('*', m.Length));
    }

    /// <summary>NFKC (full-width digits to ASCII), then spaces and dashes between two digits removed.</summary>
    private static string Compact(string text) => DigitGap().Replace(text.Normalize(NormalizationForm.FormKC), "");

    [GeneratedRegex(@"(?<=\d)[\s\-]+(?=\d)")]
    private static partial Regex DigitGap();

    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")]
    private static partial Regex IdCandidate();

    [GeneratedRegex(@"(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)")]
    private static partial Regex PhoneCandidate();
}
