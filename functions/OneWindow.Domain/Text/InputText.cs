using System.Globalization;

namespace OneWindow.Domain.Text;

/// <summary>
/// Free text people type that others read back (names, file names, admin labels): no control characters (NUL, line
/// breaks, DEL...), no bidirectional controls (a right-to-left override can make <c>fdp.exe</c> show as <c>exe.pdf</c>),
/// not only invisible characters (a zero-width space is not a name), and at most a given length.
/// </summary>
public static class InputText
{
    /// <summary>
    /// The error for <paramref name="value"/> as the field <paramref name="field"/>, or null when it is acceptable;
    /// <paramref name="multiline"/> allows line breaks and tabs (a description, a letter, a reply: people write paragraphs).
    /// </summary>
    public static string? Check(string? value, int maxLength, string field, bool multiline = false)
    {
        if (value is null) return $"{field} is required.";
        if (value.Length > maxLength) return $"{field} must be at most {maxLength} characters.";
        var visible = false;
        foreach (var c in value)
        {
            if (multiline && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c)) return $"{field} must not contain control characters (U+{(int)c:X4}).";
            if (IsBidiControl(c)) return $"{field} must not contain bidirectional control characters (U+{(int)c:X4}).";
            if (!visible && !char.IsWhiteSpace(c) && !IsInvisible(c)) visible = true;
        }

        return visible ? null : $"{field} must contain visible characters, not only spaces or zero-width characters.";
    }

    /// <summary>Embeddings, overrides, isolates and marks (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C).</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>Characters that show nothing: format characters (zero-width space and joiners, word joiner, BOM...) and the blank fillers.</summary>
    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u3164' or '\uFFA0' or '\u115F' or '\u1160' or '\u2800';
}
