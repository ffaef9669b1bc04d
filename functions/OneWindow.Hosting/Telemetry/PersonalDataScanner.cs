using System.Diagnostics.CodeAnalysis;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// Finds mainland resident ID numbers and mobile numbers in free text and masks them the way the domain's
/// <c>PersonalDataMask</c> does (first 3 and last 4 kept, stars between). The host knows nothing of the domain, so the
/// rule lives here too; a test holds the two to the same numbers and the same masks.
/// </summary>
/// <remarks>
/// Only whole digit runs count, so longer numbers (timestamps, order numbers) are never cut into a match:
/// <list type="bullet">
/// <item>an ID number is a run of 18 digits, or 17 digits and <c>X</c>/<c>x</c>, with a GB 11643 check character and a
/// birth date from 1900 on, as <c>ResidentIdNumber</c> accepts it;</item>
/// <item>a mobile number is a run of 11 digits starting 13–19, the same after <c>86</c> (a 13-digit run), or written
/// 3-4-4 with one space or dash between the groups, as <c>MobileNumber</c> accepts it; not when a Latin letter touches
/// it (then it is a piece of a GUID or hash; Chinese text, punctuation and spaces may touch it).</item>
/// </list>
/// Text without a match is never copied.
/// </remarks>
public static class PersonalDataScanner
{
    private const string CheckChars = "10X98765432";
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>True when <paramref name="text"/> holds an ID or mobile number (allocates nothing).</summary>
    public static bool ContainsPersonalData(ReadOnlySpan<char> text) => Scan(text, null);

    /// <summary>A masked copy of <paramref name="text"/>, or false (and no copy) when nothing in it is personal data.</summary>
    public static bool TryMask(string? text, [NotNullWhen(true)] out string? masked)
    {
        masked = null;
        if (string.IsNullOrEmpty(text) || !Scan(text, null))
        {
            return false;
        }

        var buffer = text.ToCharArray();
        Scan(text, buffer);
        masked = new string(buffer);
        return true;
    }

    /// <summary><paramref name="text"/> with every ID and mobile number masked (the same instance when there is none).</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Mask(string? text) => TryMask(text, out var masked) ? masked : text;

    // Walks the digit runs of the text; with a buffer it writes the stars of every match into it, without one it stops
    // at the first match. Returns whether anything matched.
    private static bool Scan(ReadOnlySpan<char> text, char[]? buffer)
    {
        var found = false;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            var run = text[i..end];
            var next = end;
            // A mobile number glued to a Latin letter is a piece of a hex id or hash (a GUID's digits), not a number.
            var standsAlone = (i == 0 || !char.IsAsciiLetter(text[i - 1])) && (end == text.Length || !char.IsAsciiLetter(text[end]));
            if (run.Length == 18 && IsIdNumber(run) || run.Length == 17 && IsIdX(text, end) && IsIdNumber(text.Slice(i, 18)))
            {
                Stars(buffer, i + 3, i + 14);
                next = i + 18;
            }
            else if (run.Length == 11 && standsAlone && IsMobile(run))
            {
                Stars(buffer, i + 3, i + 7);
            }
            else if (run.Length == 13 && standsAlone && run.StartsWith("86") && IsMobile(run[2..]))
            {
                Stars(buffer, i + 5, i + 9);
            }
            else if (run.Length == 3 && IsGroupedMobile(text, i))
            {
                // 139-1234-5678 or 139 1234 5678: the middle group is the part PersonalDataMask stars.
                Stars(buffer, i + 4, i + 8);
                next = i + 13;
            }
            else
            {
                i = end;
                continue;
            }

            found = true;
            if (buffer is null)
            {
                return true;
            }

            i = next;
        }

        return found;
    }

    private static bool IsMobile(ReadOnlySpan<char> digits) => digits[0] == '1' && digits[1] is >= '3' and <= '9';

    private static bool IsIdX(ReadOnlySpan<char> text, int at) =>
        at < text.Length && text[at] is 'X' or 'x' && (at + 1 == text.Length || !char.IsAsciiLetterOrDigit(text[at + 1]));

    private static bool IsGroupedMobile(ReadOnlySpan<char> text, int start)
    {
        if (text.Length - start < 13 || !IsMobile(text[start..]))
        {
            return false;
        }

        var separator = text[start + 3];
        if (separator is not (' ' or '-') || text[start + 8] != separator)
        {
            return false;
        }

        for (var k = 0; k < 4; k++)
        {
            if (!char.IsAsciiDigit(text[start + 4 + k]) || !char.IsAsciiDigit(text[start + 9 + k]))
            {
                return false;
            }
        }

        return (start == 0 || !char.IsAsciiLetter(text[start - 1])) && (start + 13 == text.Length || !char.IsAsciiLetterOrDigit(text[start + 13]));
    }

    private static bool IsIdNumber(ReadOnlySpan<char> id)
    {
        var sum = 0;
        for (var k = 0; k < 17; k++)
        {
            sum += (id[k] - '0') * Weights[k];
        }

        if (char.ToUpperInvariant(id[17]) != CheckChars[sum % 11])
        {
            return false;
        }

        var year = Number(id.Slice(6, 4));
        var month = Number(id.Slice(10, 2));
        var day = Number(id.Slice(12, 2));
        return year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = value * 10 + (c - '0');
        }

        return value;
    }

    private static void Stars(char[]? buffer, int from, int to)
    {
        if (buffer is not null)
        {
            buffer.AsSpan(from, to - from).Fill('*');
        }
    }
}
