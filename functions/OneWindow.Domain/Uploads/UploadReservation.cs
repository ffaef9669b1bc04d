namespace OneWindow.Domain.Uploads;

/// <summary>
/// A reserved upload: what the caller declared (type, size, SHA-256), who may use it, until when, and which
/// case used it. The blob is named by <see cref="Id"/> only (no personal data in blob names).
/// </summary>
public sealed record UploadReservation
{
    public required string Id { get; init; }
    public required string OwnerHash { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The cases that used it; once used the upload is kept and may be reused by its owner (材料复用).</summary>
    public IReadOnlyList<string> UsedBy { get; init; } = [];

    public bool IsUsed => UsedBy.Count > 0;
}
