using DurableTask.AzureStorage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OneWindow.Hosting.Durable;

/// <summary>The durable engine: its worker has started and the task hub's instance table answers a point read.</summary>
public sealed class DurableEngineHealthCheck(DurableEngine engine, AzureStorageOrchestrationService service) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!engine.IsStarted) return HealthCheckResult.Unhealthy($"The durable worker of task hub '{engine.TaskHubName}' has not started.");
        await service.GetOrchestrationStateAsync("health-probe", allExecutions: false).WaitAsync(cancellationToken).ConfigureAwait(false);
        return HealthCheckResult.Healthy($"Task hub '{engine.TaskHubName}', worker '{engine.WorkerId}'.");
    }
}
