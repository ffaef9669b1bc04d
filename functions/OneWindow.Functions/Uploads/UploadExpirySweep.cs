using Microsoft.Extensions.Logging;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Uploads;

/// <summary>
/// Deletes uploads never used by a case once their retention has passed. The local Cosmos server has no TTL, so the
/// blob listing drives the sweep (a listing, not a Cosmos query) and each reservation is a point read.
/// </summary>
public sealed class UploadExpirySweep(IUploadStore uploads, ApplicationOptions options, TimeProvider time, ILogger<UploadExpirySweep> logger)
{
    [Function("SweepExpiredUploads")]
    public async Task RunAsync([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleted = 0;
        await foreach (var id in uploads.ListBlobsOlderThanAsync(now - options.UploadRetention, cancellationToken))
        {
            var reservation = await uploads.GetAsync(id, cancellationToken);
            if (reservation is { IsUsed: true } || reservation?.ExpiresAt > now) continue;
            await uploads.DeleteBlobAsync(id, cancellationToken);
            if (reservation is not null) await uploads.DeleteAsync(id, cancellationToken);
            deleted++;
        }

        logger.LogInformation("Upload sweep deleted {Count} expired uploads.", deleted);
    }
}
