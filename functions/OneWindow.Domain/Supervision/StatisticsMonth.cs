namespace OneWindow.Domain.Supervision;

/// <summary>
/// The counter document of one scope and month (<c>stats-&lt;scope&gt;-&lt;yyyyMM&gt;</c>): figures per day of the month
/// (Asia/Shanghai dates, key <c>dd</c>), and the keys of the latest changes applied, so an activity retried after a
/// crash does not count twice (decision 0740). Its size does not grow with the number of cases.
/// </summary>
/// <param name="Scope">The department code or <see cref="StatisticsFigures.County"/>.</param>
/// <param name="Month">The month, <c>yyyy-MM</c>.</param>
/// <param name="Days">Figures per day of the month (<c>dd</c>).</param>
/// <param name="Recent">Keys of the latest changes applied, newest last, at most <see cref="RecentKeys"/>.</param>
public sealed record StatisticsMonth(string Scope, string Month, IReadOnlyDictionary<string, StatisticsFigures> Days, IReadOnlyList<string> Recent)
{
    /// <summary>How many applied keys a month document remembers.</summary>
    public const int RecentKeys = 512;

    /// <summary>The document id of a scope's month.</summary>
    public static string IdOf(string scope, int year, int month) => $"stats-{scope}-{year:D4}{month:D2}";

    /// <summary>
    /// This month with <paramref name="change"/> applied to <paramref name="day"/>'s figures under <paramref name="key"/>,
    /// or null when that key was applied already.
    /// </summary>
    public StatisticsMonth? Apply(DateOnly day, string key, Func<StatisticsFigures, StatisticsFigures> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Recent.Contains(key, StringComparer.Ordinal)) return null;
        var dayKey = day.Day.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var days = new Dictionary<string, StatisticsFigures>(Days, StringComparer.Ordinal)
        {
            [dayKey] = change(Days.GetValueOrDefault(dayKey) ?? new StatisticsFigures()),
        };
        var recent = Recent.Count >= RecentKeys ? Recent.Skip(Recent.Count - RecentKeys + 1) : Recent;
        return this with { Days = days, Recent = [.. recent, key] };
    }

    /// <summary>The sum of the days of this month from <paramref name="from"/> to <paramref name="to"/> (inclusive).</summary>
    public StatisticsFigures Sum(DateOnly from, DateOnly to)
    {
        var total = new StatisticsFigures();
        foreach (var (dayKey, figures) in Days)
        {
            var day = DateOnly.ParseExact(Month + "-" + dayKey, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (day >= from && day <= to) total = total.Plus(figures);
        }

        return total;
    }
}
