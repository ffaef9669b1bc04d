namespace OneWindow.Hosting.Time;

/// <summary>
/// Business time in the Development environment: the system clock plus an offset that only moves forward
/// (<c>POST /api/dev/clock</c>), so tests and demos can watch working-day deadlines pass without waiting days.
/// It is the host's <see cref="TimeProvider"/> for business times (deadlines, documents, alerts); real time stays
/// where it must (token lifetimes, webhook signatures, SAS expiry). The durable engine knows nothing of it:
/// orchestrations add the offset they were given to the engine's time (decision 0007). The offset is stored in the
/// task hub's storage account (<see cref="DevelopmentClockStore"/>) so every host of the hub follows it.
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

    /// <summary>Takes <paramref name="offset"/> if it is ahead of the current one (the clock never goes back).</summary>
    public void MoveTo(TimeSpan offset)
    {
        var current = Interlocked.Read(ref offsetTicks);
        while (offset.Ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref offsetTicks, offset.Ticks, current);
            if (seen == current) return;
            current = seen;
        }
    }

    /// <summary>Business time minus real time for <paramref name="time"/>: the development offset, or zero in production.</summary>
    public static TimeSpan OffsetOf(TimeProvider time) => time is DevelopmentClock clock ? clock.Offset : TimeSpan.Zero;

    /// <summary>Checks a step: positive and at most <see cref="MaxStep"/>.</summary>
    public static bool IsValidStep(TimeSpan step) => step > TimeSpan.Zero && step <= MaxStep;
}
