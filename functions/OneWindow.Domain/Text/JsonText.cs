using System.Text.Json.Nodes;

namespace OneWindow.Domain.Text;

/// <summary>Reads one string field of a JSON body for validation: errors keyed by the field name, trimmed value or null.</summary>
public static class JsonText
{
    /// <summary>
    /// The trimmed string of <paramref name="field"/>; null with an error when it is not a string or too long, or (when
    /// <paramref name="required"/>) missing or blank. <paramref name="multiline"/> also checks it as free text of several
    /// lines (<see cref="InputText.Check"/>: no control characters but line breaks and tabs, no bidirectional controls).
    /// </summary>
    public static string? Read(JsonObject o, string field, int maxLength, bool required, Action<string, string> add, bool multiline = false)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(add);
        var node = o[field];
        if (node is null)
        {
            if (required) add(field, $"{field} is required.");
            return null;
        }
        if (node is not JsonValue v || !v.TryGetValue<string>(out var s)) { add(field, $"{field} must be a string."); return null; }
        if (string.IsNullOrWhiteSpace(s)) { if (required) add(field, $"{field} must not be empty."); return null; }
        if (s.Length > maxLength) { add(field, $"{field} must be at most {maxLength} characters."); return null; }
        if (multiline && InputText.Check(s, maxLength, field, multiline: true) is { } error) { add(field, error); return null; }
        return s.Trim();
    }
}
