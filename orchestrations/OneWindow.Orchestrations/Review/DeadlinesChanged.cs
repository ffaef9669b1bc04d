namespace OneWindow.Orchestrations.Review;

/// <summary>
/// The external event <see cref="EventName"/>: the facts a running instance's deadlines were derived from changed — a
/// year's official holiday arrangement was loaded (<paramref name="Year"/>), or the case was put on the green channel.
/// The instance re-derives its deadlines through an activity and re-arms its timers.
/// </summary>
/// <param name="Cause"><c>calendar</c> or <c>green-channel</c>.</param>
/// <param name="Year">The loaded year, for <c>calendar</c>.</param>
public sealed record DeadlinesChanged(string Cause, int? Year = null)
{
    /// <summary>The event name.</summary>
    public const string EventName = "DeadlinesChanged";

    public const string Calendar = "calendar";
    public const string GreenChannel = "green-channel";
}
