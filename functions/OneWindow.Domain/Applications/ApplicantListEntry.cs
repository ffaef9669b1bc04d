namespace OneWindow.Domain.Applications;

/// <summary>One row of an applicant's own list (the list is its own document: no queries on request paths).</summary>
public sealed record ApplicantListEntry(string Id, string Number, string? ItemCode, string? PackageCode, string ItemName, string Status, DateTimeOffset SubmittedAt)
{
    /// <summary><see cref="CaseKinds"/>: each kind has its own statuses.</summary>
    public string Kind { get; init; } = CaseKinds.Licensing;
}
