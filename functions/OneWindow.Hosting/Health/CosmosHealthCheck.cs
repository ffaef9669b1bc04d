using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneWindow.Hosting.Health;

/// <summary>Reads the Cosmos account (one gateway round trip) within the check's timeout.</summary>
public sealed class CosmosHealthCheck(CosmosClient client) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await client.ReadAccountAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy();
    }
}
