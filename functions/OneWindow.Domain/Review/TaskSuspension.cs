namespace OneWindow.Domain.Review;

/// <summary>A time the task's clock stood still (Art. 45: hearing, site inspection, testing); <see cref="To"/> is null while it lasts.</summary>
public sealed record TaskSuspension(DateTimeOffset From, DateTimeOffset? To, string Reason, int ExpectedWorkingDays);
