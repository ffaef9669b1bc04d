namespace OneWindow.Domain.Applications;

/// <summary>A material of the submission pointing at an upload of the same caller.</summary>
public sealed record MaterialReference(string Code, string UploadId);
