namespace OneWindow.Domain.Identity;

/// <summary>An 18-character unified social credit code of an organisation (GB 32100-2015).</summary>
public sealed record UnifiedSocialCreditCode
{
    /// <summary>The 31 characters allowed; I, O, S, V and Z are excluded.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Parses and validates; returns null and an English reason when invalid.</summary>
    public static UnifiedSocialCreditCode? TryParse(string? input, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(input)) { error = "The credit code is required."; return null; }
        var s = input.Trim().ToUpperInvariant();
        if (s.Length != 18) { error = "The credit code must have 18 characters."; return null; }
        foreach (var c in s)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal)) { error = $"The credit code contains the character '{c}', which is not allowed."; return null; }
        }
        if (CheckCharacter(s.AsSpan(0, 17)) != s[17]) { error = "The credit code check character is wrong."; return null; }
        return new UnifiedSocialCreditCode(s);
    }

    /// <summary>The GB 32100 check character of the first 17 characters.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    public override string ToString() => Value;
}
