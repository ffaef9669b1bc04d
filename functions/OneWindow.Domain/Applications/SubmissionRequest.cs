namespace OneWindow.Domain.Applications;

/// <summary>A validated POST /api/applications body (catalog checks come after this shape check).</summary>
public sealed record SubmissionRequest(
    string? ItemCode,
    string? PackageCode,
    IReadOnlyDictionary<string, string> Answers,
    ApplicantDetails Applicant,
    IReadOnlyList<MaterialReference> Materials,
    string DeliveryMethod,
    string? DeliveryAddress);
