namespace OneWindow.Hosting.Time;

/// <summary>
/// The host's clock in the Development environment: the system clock plus an offset that only moves forward
/// (<c>POST /api/dev/clock</c>), so tests and demos can watch working-day deadlines pass without waiting days.
/// Every deadline and durable timer reads the injected <see cref="TimeProvider"/>; with a short
/// <c>maxQueueDelay</c> a timer message comes back often enough to notice the clock has moved.
/// The offset lives in this process: a restarted host starts at the system time again.
/// </summary>
public sealed class DevelopmentClock : TimeProvider
{
    /// <summary>The largest single step, so a typo cannot throw the clock years ahead.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromDays(400);

    private long offsetTicks;

    /// <summary>How far ahead of the system clock this clock runs.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Moves the clock forward by <paramref name="step"/> (positive, at most <see cref="MaxStep"/>).</summary>
    public DateTimeOffset Advance(TimeSpan step)
    {
        if (step <= TimeSpan.Zero || step > MaxStep)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"A step must be positive and at most {MaxStep.TotalDays} days.");
        }

        Interlocked.Add(ref offsetTicks, step.Ticks);
        return GetUtcNow();
    }
}
