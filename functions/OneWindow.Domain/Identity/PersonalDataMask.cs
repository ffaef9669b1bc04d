namespace OneWindow.Domain.Identity;

/// <summary>Masking of personal data for display copies and logs.</summary>
public static class PersonalDataMask
{
    /// <summary>Keeps the first 3 and last 4 characters: 110***********123X.</summary>
    public static string IdNumber(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.Length <= 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>Keeps the first 3 and last 4 digits: 138****0000.</summary>
    public static string Phone(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.Length <= 7 ? new string('*', value.Length) : value[..3] + new string('*', value.Length - 7) + value[^4..];

    /// <summary>Keeps the first character of a name: 张* or 欧**.</summary>
    public static string Name(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value.Length == 1 ? "*" : value[..1] + new string('*', value.Length - 1);
}
