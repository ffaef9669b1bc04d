namespace OneWindow.Orchestrations.Review;

/// <summary>
/// The supply deadline of a case's deferred materials (容缺受理) and its reminder one working day before, as an activity
/// computed them; <paramref name="Supplied"/> when the applicant's answer is already on the document.
/// </summary>
public sealed record DeferredDeadlines(DateTimeOffset RemindAt, DateTimeOffset DueAt, bool Supplied, TimeSpan ClockOffset = default);
