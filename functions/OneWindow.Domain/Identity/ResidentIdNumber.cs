using System.Globalization;

namespace OneWindow.Domain.Identity;

/// <summary>
/// An 18-character mainland resident identity number (GB 11643-1999): 6-digit region, 8-digit birth
/// date, 3-digit sequence and a check character computed mod 11.
/// </summary>
public sealed record ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    private ResidentIdNumber(string value) => Value = value;

    /// <summary>The normalised number (upper-case X).</summary>
    public string Value { get; }

    /// <summary>The birth date encoded in positions 7–14.</summary>
    public DateOnly BirthDate => DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Parses and validates; returns null and an English reason when invalid.</summary>
    public static ResidentIdNumber? TryParse(string? input, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(input)) { error = "The ID number is required."; return null; }
        var s = input.Trim().ToUpperInvariant();
        if (s.Length != 18) { error = "The ID number must have 18 characters."; return null; }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i])) { error = "The first 17 characters of the ID number must be digits."; return null; }
        }
        if (!char.IsAsciiDigit(s[17]) && s[17] != 'X') { error = "The last character of the ID number must be a digit or X."; return null; }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            error = "The ID number contains an invalid birth date."; return null;
        }
        if (CheckCharacter(s.AsSpan(0, 17)) != s[17]) { error = "The ID number check character is wrong."; return null; }
        return new ResidentIdNumber(s);
    }

    /// <summary>The GB 11643 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Masked for display and logs: first 3 and last 4 characters kept.</summary>
    public string Masked => PersonalDataMask.IdNumber(Value);

    public override string ToString() => Masked;
}
