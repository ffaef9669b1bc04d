using System.Globalization;
using System.Text;
using OneWindow.Domain.Identity;

namespace OneWindow.Domain.Mailbox;

/// <summary>
/// Finds personal data written into free text: resident ID numbers (18 characters with a valid check character) and
/// mainland mobile numbers (with or without +86). Digits of any script count (全角 "１３８…" too), and spaces or dashes
/// inside a number are ignored ("138 0013-8000"); a number still ends where a gap is followed by other digits
/// ("13800138000 12月1日"). Used to refuse personal data in an anonymous letter and to mask it where a text is shown
/// publicly; masking changes only the number's own characters, never the rest of the text.
/// </summary>
public static class PersonalDataScan
{
    public const string IdNumber = "id-number";
    public const string Phone = "phone";

    /// <summary>What was found: <see cref="IdNumber"/> and/or <see cref="Phone"/> (empty when the text is clean).</summary>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var kinds = Matches(text).Select(m => m.Kind).Distinct().ToList();
        kinds.Sort(StringComparer.Ordinal);
        return kinds;
    }

    /// <summary>The text with the characters of every ID number and mobile number replaced by asterisks (for public display).</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = new StringBuilder(text);
        foreach (var (_, from, to) in Matches(text))
        {
            // The separators inside the number go too: its grouping says nothing anyone needs.
            for (var i = from; i <= to; i++) masked[i] = '*';
        }

        return masked.ToString();
    }

    /// <summary>Every number found: its kind and the first and last index of its characters in <paramref name="text"/>.</summary>
    private static List<(string Kind, int From, int To)> Matches(string text)
    {
        // The text's digits (and X) in a row, each with its place in the text; a gap (spaces or dashes between two digits)
        // is remembered, as a number may run across it or end at it.
        var chars = new List<char>();
        var places = new List<int>();
        var gapBefore = new List<bool>();
        var gap = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = Normal(text[i]);
            if ((char.IsWhiteSpace(c) || IsDash(c)) && chars.Count > 0 && char.IsAsciiDigit(chars[^1]) && NextIsDigit(text, i))
            {
                gap = true;
                continue;
            }

            chars.Add(c);
            places.Add(i);
            gapBefore.Add(gap);
            gap = false;
        }

        var found = new List<(string, int, int)>();
        bool Boundary(int at) => at <= 0 || at >= chars.Count || !char.IsAsciiLetterOrDigit(chars[at - 1]) || !char.IsAsciiLetterOrDigit(chars[at]) || gapBefore[at];
        for (var start = 0; start < chars.Count; start++)
        {
            if (!char.IsAsciiDigit(chars[start])) continue;
            if (start + 18 <= chars.Count && Boundary(start) && Boundary(start + 18) && IsIdNumber(chars, start))
            {
                found.Add((IdNumber, places[start], places[start + 17]));
                start += 17;
                continue;
            }

            var prefixed = Prefix(chars, start);
            if (start + 11 <= chars.Count && (Boundary(start) || prefixed >= 0 && Boundary(prefixed)) && Boundary(start + 11) && IsMobile(chars, start))
            {
                found.Add((Phone, places[prefixed >= 0 ? prefixed : start], places[start + 10]));
                start += 10;
            }
        }

        return found;
    }

    /// <summary>Where a "+86" or "86" right before <paramref name="start"/> begins, or -1.</summary>
    private static int Prefix(List<char> chars, int start)
    {
        if (start < 2 || chars[start - 2] != '8' || chars[start - 1] != '6') return -1;
        return start >= 3 && chars[start - 3] == '+' ? start - 3 : start - 2;
    }

    private static bool IsIdNumber(List<char> chars, int start)
    {
        var candidate = new string(chars.GetRange(start, 18).ToArray());
        return candidate[..17].All(char.IsAsciiDigit) && ResidentIdNumber.TryParse(candidate, out _) is not null;
    }

    private static bool IsMobile(List<char> chars, int start) =>
        chars[start] == '1' && chars[start + 1] is >= '3' and <= '9' && chars.GetRange(start, 11).All(char.IsAsciiDigit);

    /// <summary>Digits of any script as ASCII digits; full-width X and plus as ASCII; everything else as it is.</summary>
    private static char Normal(char c)
    {
        if (char.IsDigit(c)) return (char)('0' + CharUnicodeInfo.GetDecimalDigitValue(c));
        return c switch { 'Ｘ' or 'ｘ' or 'x' => 'X', '＋' => '+', _ => c };
    }

    private static bool NextIsDigit(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++)
        {
            if (char.IsDigit(text[j])) return true;
            if (!char.IsWhiteSpace(text[j]) && !IsDash(text[j])) return false;
        }

        return false;
    }

    private static bool IsDash(char c) => c is '-' or '－' or '‐' or '‑' or '–' or '—';
}
