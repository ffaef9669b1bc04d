namespace OneWindow.Domain.Calendar;

/// <summary>A time the clock stood still (挂起 / 中止); <see cref="To"/> is null while it lasts.</summary>
public sealed record SuspendedInterval(DateTimeOffset From, DateTimeOffset? To);
