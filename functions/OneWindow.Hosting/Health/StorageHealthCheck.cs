using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneWindow.Hosting.Health;

/// <summary>Asks one storage service (blob, queue or table) for one cheap listing, within the check's timeout.</summary>
public sealed class StorageHealthCheck(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables, string service) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        switch (service)
        {
            case "blob":
                await foreach (var _ in blobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
                {
                    break;
                }

                break;
            case "queue":
                await foreach (var _ in queues.GetQueuesAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
                {
                    break;
                }

                break;
            default:
                await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
                {
                    break;
                }

                break;
        }

        return HealthCheckResult.Healthy();
    }
}
