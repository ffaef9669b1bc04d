using Microsoft.DurableTask;
using OneWindow.Hosting.Time;

namespace OneWindow.Orchestrations;

/// <summary>
/// Business time inside an orchestration: the engine's replay-safe time plus an offset that entered through the input,
/// an activity result or a <see cref="ClockMoved"/> event (zero in production; the development clock moves it,
/// decision 0007). <see cref="UntilAsync"/> is the one way an orchestration waits for a business deadline.
/// </summary>
/// <param name="context">The orchestration context.</param>
/// <param name="offset">The offset the instance was given.</param>
public sealed class BusinessClock(TaskOrchestrationContext context, TimeSpan offset)
{
    /// <summary>Business time minus engine time.</summary>
    public TimeSpan Offset { get; private set; } = offset;

    /// <summary>Business time now (replay-safe).</summary>
    public DateTimeOffset Now => new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + Offset;

    /// <summary>Takes a newer offset (the clock never goes back).</summary>
    public void Apply(TimeSpan newOffset)
    {
        if (newOffset > Offset) Offset = newOffset;
    }

    /// <summary>
    /// Completes when business time reaches <paramref name="deadline"/>: a durable timer at the deadline minus the offset,
    /// set again if it fired early (Azure Storage timers may fire up to about a second early). Cancel it and call again
    /// after <see cref="Apply"/> to re-arm on a moved clock.
    /// </summary>
    public async Task UntilAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (Now < deadline)
        {
            await context.CreateTimer((deadline - Offset).UtcDateTime, cancellationToken);
        }
    }
}
