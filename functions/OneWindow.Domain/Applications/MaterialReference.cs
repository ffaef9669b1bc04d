namespace OneWindow.Domain.Applications;

/// <summary>
/// A material of the submission: an upload of the same caller, or (证照复用) one of the caller's valid licences given by
/// <see cref="LicenceNumber"/>, in which case <see cref="UploadId"/> is empty.
/// </summary>
public sealed record MaterialReference(string Code, string UploadId)
{
    public string? LicenceNumber { get; init; }

    /// <summary>A reference to a licence instead of an upload.</summary>
    public static MaterialReference ToLicence(string code, string licenceNumber) => new(code, "") { LicenceNumber = licenceNumber };
}
