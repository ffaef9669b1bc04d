namespace OneWindow.Domain.Disclosure;

/// <summary>The forms in which the applicant asked to receive the information (Art. 29, 40).</summary>
public static class DisclosureForms
{
    /// <summary>A file to download from the applicant's own view of the request.</summary>
    public const string Electronic = "electronic";
    /// <summary>Paper, by courier to the applicant's address.</summary>
    public const string Paper = "paper";

    public static readonly IReadOnlyList<string> All = [Electronic, Paper];
}
