using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OneWindow.Functions.Review;

/// <summary>
/// Back-off of outbound department notices across queue tries (<c>Departments:Notices:*</c>): by default 12 tries,
/// 1 minute doubling to at most 1 hour between them — about six hours before the alert. Tests shorten it. The courier
/// dispatch keeps the same schedule under its own section (<c>Providers:Courier:Dispatch:*</c>).
/// </summary>
public sealed record DepartmentNoticeOptions(int MaxAttempts, TimeSpan FirstDelay, TimeSpan MaxDelay, int RetriesPerAttempt)
{
    public static DepartmentNoticeOptions From(IConfiguration configuration, string sectionName = "Departments:Notices")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        static TimeSpan Time(string? value, TimeSpan fallback) =>
            TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero ? parsed : fallback;
        return new DepartmentNoticeOptions(
            int.TryParse(section["MaxAttempts"], out var attempts) && attempts > 0 ? attempts : 12,
            Time(section["FirstDelay"], TimeSpan.FromMinutes(1)),
            Time(section["MaxDelay"], TimeSpan.FromHours(1)),
            int.TryParse(section["RetriesPerAttempt"], out var retries) && retries > 0 ? retries : 3);
    }

    /// <summary>The wait before try <paramref name="nextAttempt"/> (2, 3, ...): doubling from <see cref="FirstDelay"/>, capped.</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(2, Math.Min(30, Math.Max(0, nextAttempt - 2)));
        var delay = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * factor));
        return delay;
    }
}
