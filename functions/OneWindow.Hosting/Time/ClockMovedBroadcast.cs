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
        ArgumentNullException.ThrowIfNull(moved);
        var told = await InstanceBroadcast.SendAsync(durable, ClockMoved.EventName, moved, logger, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Development clock moved to offset {Offset}; {Count} running instances told.", moved.Offset, told);
        return told;
    }
}
