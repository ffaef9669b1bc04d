using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Uploads;

/// <summary>Upload reservations (Cosmos), their blobs, and the cases' fixed copies of them (evidence).</summary>
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

    /// <summary>
    /// Fixes the bytes <paramref name="applicationId"/> uses where no upload URL reaches them: a server-side copy named
    /// <see cref="UploadRules.EvidenceName"/>, made only when absent (a repeat keeps the first copy), from an earlier
    /// case's copy when the upload was used before, else from the upload blob; then reads the copy back. Returns what the
    /// copy really holds (null when there was nothing to copy). A copy that is not the declared size and SHA-256 is
    /// deleted, so a corrected retry can make it again; a good one is served as the declared type, as an attachment.
    /// </summary>
    Task<UploadedContent?> FixEvidenceAsync(UploadReservation reservation, string applicationId, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>
    /// A read-only URL to a case's material until <paramref name="expiresAt"/>: its evidence copy (the upload blob for
    /// materials recorded before evidence copies), served as its declared type with <c>Content-Disposition: attachment</c>.
    /// </summary>
    Task<Uri> CreateDownloadUrlAsync(SubmittedMaterial material, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Blob names (upload ids) last written before <paramref name="before"/>, for the expiry sweep.</summary>
    IAsyncEnumerable<string> ListBlobsOlderThanAsync(DateTimeOffset before, CancellationToken cancellationToken = default);

    Task DeleteBlobAsync(string uploadId, CancellationToken cancellationToken = default);
}
