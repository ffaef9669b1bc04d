namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Input of the instances that watch one deadline-bearing thing: a consultation (id = consultation id) or a case's
/// deferred materials (id = application id), with the starter's business-time offset.
/// </summary>
public sealed record WatchInput(string Id, TimeSpan ClockOffset = default);
