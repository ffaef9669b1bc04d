namespace OneWindow.Domain.Applications;

/// <summary>A material of a case: the upload it points at, with the size and SHA-256 checked when it was used.</summary>
public sealed record SubmittedMaterial(string Code, string UploadId, long Size, string Sha256, bool Reused)
{
    /// <summary>The declared content type, served with every download (null on cases submitted before evidence copies).</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// The case's own copy of the bytes (blob name in the <c>evidence</c> container, <see cref="Uploads.UploadRules.EvidenceName"/>),
    /// fixed and checked at use; null on cases submitted before evidence copies, which still point at the upload blob.
    /// </summary>
    public string? Evidence { get; init; }

    /// <summary>
    /// The licence that stands in for the material (证照复用); its PDF as of submission is the evidence copy and
    /// <see cref="UploadId"/> is <c>licence:&lt;number&gt;</c>.
    /// </summary>
    public string? LicenceNumber { get; init; }
}
