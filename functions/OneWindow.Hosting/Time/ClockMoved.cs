namespace OneWindow.Hosting.Time;

/// <summary>
/// The external event <see cref="EventName"/> sent to every running orchestration when the development clock moves:
/// the new offset between business time and engine time, so waits on business deadlines re-arm their timers.
/// </summary>
/// <param name="Offset">Business time minus real time, never negative, never smaller than before.</param>
public sealed record ClockMoved(TimeSpan Offset)
{
    /// <summary>The event name.</summary>
    public const string EventName = "ClockMoved";
}
