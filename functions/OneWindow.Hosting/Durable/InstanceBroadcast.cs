using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace OneWindow.Hosting.Durable;

/// <summary>
/// Raises one event to every pending, running or suspended instance of the task hub (the development clock's
/// <c>ClockMoved</c>, a loaded holiday arrangement's <c>DeadlinesChanged</c>): instances that do not wait for it keep it buffered.
/// </summary>
public static class InstanceBroadcast
{
    /// <summary>Returns how many instances were told.</summary>
    public static async Task<int> SendAsync(DurableTaskClient? durable, string eventName, object payload, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (durable is null) return 0;
        var told = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], PageSize = 500 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await durable.RaiseEventAsync(instance.InstanceId, eventName, payload, cancellationToken).ConfigureAwait(false);
                told++;
            }
            catch (InstanceNotRunningException)
            {
                // Finished since the query: nothing left to tell.
            }
            catch (InstanceNotStartedException e)
            {
                logger.LogWarning("{InstanceId} has not started yet: not told {EventName}. {Message}", instance.InstanceId, eventName, e.Message);
            }
        }

        logger.LogInformation("{EventName} raised to {Count} running instances.", eventName, told);
        return told;
    }
}
