using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace OneWindow.Hosting.Time;

/// <summary>
/// The development clock's offset as a blob (<c>dev-clock/{taskHub}</c>, ticks as text) beside the task hub, so every host
/// of the hub reads the same business time. Writes are ETag-guarded and forward-only.
/// </summary>
public sealed class DevelopmentClockStore(BlobServiceClient blobs, string taskHub)
{
    private BlobClient Blob => blobs.GetBlobContainerClient("dev-clock").GetBlobClient(taskHub.ToLowerInvariant());

    /// <summary>The stored offset (zero when none was stored).</summary>
    public async Task<TimeSpan> ReadAsync(CancellationToken cancellationToken) => (await ReadWithETagAsync(cancellationToken).ConfigureAwait(false)).Offset;

    /// <summary>Adds <paramref name="step"/> to the stored offset and returns the new offset.</summary>
    public async Task<TimeSpan> AdvanceAsync(TimeSpan step, CancellationToken cancellationToken)
    {
        await blobs.GetBlobContainerClient("dev-clock").CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var (current, etag) = await ReadWithETagAsync(cancellationToken).ConfigureAwait(false);
            var next = current + step;
            var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                await Blob.UploadAsync(BinaryData.FromString(next.Ticks.ToString(CultureInfo.InvariantCulture)), new BlobUploadOptions { Conditions = conditions }, cancellationToken).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another host moved the clock in between: add the step to its value.
            }
        }
    }

    /// <summary>The stored offset and the blob's ETag; zero and no ETag when none was stored.</summary>
    private async Task<(TimeSpan Offset, ETag? ETag)> ReadWithETagAsync(CancellationToken cancellationToken)
    {
        try
        {
            var content = await Blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return (TimeSpan.FromTicks(long.Parse(content.Value.Content.ToString(), CultureInfo.InvariantCulture)), content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (TimeSpan.Zero, null);
        }
    }
}
