namespace OneWindow.Domain.Uploads;

/// <summary>What was really uploaded: size in bytes and SHA-256 in lower-case hex (null when larger than the limit).</summary>
public sealed record UploadedContent(long Size, string? Sha256);
