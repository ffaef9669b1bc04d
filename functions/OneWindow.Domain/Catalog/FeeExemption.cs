namespace OneWindow.Domain.Catalog;

/// <summary>
/// A waiver of a fee (减免) with its legal basis: it applies when the applicant is of one of <see cref="ApplicantKinds"/>
/// (if given) and every question in <see cref="When"/> (if given) was answered with one of its options.
/// </summary>
public sealed record FeeExemption
{
    public string? Code { get; init; }

    public string? Basis { get; init; }

    /// <summary><c>person</c> and/or <c>enterprise</c>.</summary>
    public IReadOnlyList<string>? ApplicantKinds { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? When { get; init; }

    /// <summary>Whether the waiver applies to a case of <paramref name="applicantKind"/> with <paramref name="answers"/>.</summary>
    public bool AppliesTo(string applicantKind, IReadOnlyDictionary<string, string> answers) =>
        (ApplicantKinds is null || ApplicantKinds.Contains(applicantKind))
        && (When is null || When.All(c => answers.TryGetValue(c.Key, out var answer) && c.Value.Contains(answer)));
}
