using System.Text.RegularExpressions;

namespace OneWindow.Domain.Identity;

/// <summary>A mainland mobile number: 11 digits starting 13–19.</summary>
public sealed partial record MobileNumber
{
    private MobileNumber(string value) => Value = value;

    public string Value { get; }

    /// <summary>
    /// Parses and validates; accepts an optional +86 or 86 prefix, spaces and dashes. Digits must be ASCII 0–9: full-width
    /// (０–９) or other scripts' digits would reach the SMS gateway as they are, so they are refused with their own message.
    /// </summary>
    public static MobileNumber? TryParse(string? input, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(input)) { error = "The mobile number is required."; return null; }
        if (input.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c)))
        {
            error = "The mobile number must be written with ASCII digits 0-9 (not full-width or other digits).";
            return null;
        }

        var s = input.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (s.StartsWith("+86", StringComparison.Ordinal)) s = s[3..];
        else if (s.Length == 13 && s.StartsWith("86", StringComparison.Ordinal)) s = s[2..];
        if (!Pattern().IsMatch(s)) { error = "The mobile number must be 11 digits starting with 13 to 19."; return null; }
        return new MobileNumber(s);
    }

    /// <summary>Masked for display and logs, e.g. 138****0000.</summary>
    public string Masked => PersonalDataMask.Phone(Value);

    public override string ToString() => Masked;

    [GeneratedRegex(@"^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
