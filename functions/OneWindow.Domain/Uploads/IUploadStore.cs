namespace OneWindow.Domain.Uploads;

/// <summary>Upload reservations (Cosmos) and their blobs.</summary>
public interface IUploadStore
{
    Task CreateAsync(UploadReservation reservation, CancellationToken cancellationToken = default);

    Task<UploadReservation?> GetAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="applicationId"/> used the upload (idempotent).</summary>
    Task MarkUsedAsync(string uploadId, string applicationId, CancellationToken cancellationToken = default);

    Task DeleteAsync(string uploadId, CancellationToken cancellationToken = default);

    /// <summary>A URL that lets its holder create this one blob, and nothing else, until <paramref name="expiresAt"/>.</summary>
    Task<Uri> CreateUploadUrlAsync(string uploadId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>The real size and SHA-256 (hex) of the uploaded blob, or null when it was never written.</summary>
    Task<UploadedContent?> ReadContentAsync(string uploadId, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Blob names (upload ids) last written before <paramref name="before"/>, for the expiry sweep.</summary>
    IAsyncEnumerable<string> ListBlobsOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    Task DeleteBlobAsync(string uploadId, CancellationToken cancellationToken = default);
}
