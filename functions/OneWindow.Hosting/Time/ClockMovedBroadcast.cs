using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Http;

namespace OneWindow.Hosting.Time;

/// <summary>Tells running orchestrations that the development clock moved, so their deadline waits re-arm.</summary>
public static class ClockMovedBroadcast
{
    /// <summary>Raises <see cref="ClockMoved"/> to every pending, running or suspended instance, so their deadline waits re-arm.</summary>
    public static async Task<int> SendAsync(DurableTaskClient? durable, ClockMoved moved, ILogger logger, CancellationToken cancellationToken)
    {
        if (durable is null) return 0;
        var told = 0;
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended], PageSize = 500 };
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await durable.RaiseEventAsync(instance.InstanceId, ClockMoved.EventName, moved, cancellationToken).ConfigureAwait(false);
                told++;
            }
            catch (InstanceNotRunningException)
            {
                // Finished since the query: nothing left to re-arm.
            }
            catch (InstanceNotStartedException e)
            {
                logger.LogWarning("{InstanceId} has not started yet: not told the clock moved. {Message}", instance.InstanceId, e.Message);
            }
        }

        logger.LogInformation("Development clock moved to offset {Offset}; {Count} running instances told.", moved.Offset, told);
        return told;
    }
}
