namespace OneWindow.Domain.Supervision;

/// <summary>Counter documents for the statistics and the departments' recent pace (point reads and writes only, BRIEF D4).</summary>
public interface IStatisticsStore
{
    /// <summary>
    /// Applies <paramref name="change"/> to the figures of <paramref name="scope"/> on <paramref name="day"/> unless
    /// <paramref name="key"/> was applied recently (a retried activity); true when applied now.
    /// </summary>
    Task<bool> ApplyAsync(string scope, DateOnly day, string key, Func<StatisticsFigures, StatisticsFigures> change, CancellationToken cancellationToken = default);

    /// <summary>The month document of a scope, or null when nothing was counted that month.</summary>
    Task<StatisticsMonth?> GetMonthAsync(string scope, int year, int month, CancellationToken cancellationToken = default);

    /// <summary>Records how many working days a decided task of <paramref name="itemCode"/> took at <paramref name="department"/> (keeps the latest few).</summary>
    Task RecordPaceAsync(string department, string itemCode, string taskId, double workingDays, CancellationToken cancellationToken = default);

    /// <summary>The department's recent pace on the item, oldest first.</summary>
    Task<DepartmentPace?> GetPaceAsync(string department, string itemCode, CancellationToken cancellationToken = default);
}
