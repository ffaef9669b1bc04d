namespace OneWindow.Domain.Applications;

/// <summary>A material of a case: the upload it points at, with the size and SHA-256 checked when it was used.</summary>
public sealed record SubmittedMaterial(string Code, string UploadId, long Size, string Sha256, bool Reused);
