using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// Reads what a prediction needs (each open task's department pace on its item and the department's open worklist, all
/// point reads) and predicts an open case's completion (<see cref="CompletionForecast"/>); also backtests the pace over
/// every item's decided tasks.
/// </summary>
public sealed class CompletionPredictor(IStatisticsStore statistics, IWorklistStore worklists, ICalendarStore calendars, ICatalogStore catalog, TimeProvider time)
{
    /// <summary>The predicted completion of an open case, or null when it is not open.</summary>
    public async Task<DateTimeOffset?> PredictAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!CompletionForecast.Open.Contains(application.Status)) return null;
        var open = application.Stages.SelectMany(s => s.Tasks).Where(t => t.DecidedAt is null).ToArray();
        var paces = new Dictionary<(string, string), DepartmentPace?>();
        foreach (var key in open.Select(t => (t.Department, t.ItemCode)).Distinct())
            paces[key] = await statistics.GetPaceAsync(key.Department, key.ItemCode, cancellationToken);
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var department in open.Select(t => t.Department).Distinct())
            queues[department] = (await worklists.GetAsync(department, cancellationToken)).Count;
        return CompletionForecast.Predict(application,
            t => CompletionForecast.Expected(paces.GetValueOrDefault((t.Department, t.ItemCode)), queues.GetValueOrDefault(t.Department)),
            await calendars.GetCalendarAsync(cancellationToken), time.GetUtcNow());
    }

    /// <summary>The backtest of every item at its department: how many tasks were predicted and the absolute errors in working days.</summary>
    public async Task<IReadOnlyList<(string Department, string ItemCode, IReadOnlyList<double> Errors)>> BacktestAsync(CancellationToken cancellationToken)
    {
        var result = new List<(string, string, IReadOnlyList<double>)>();
        foreach (var item in await catalog.ListItemsAsync(cancellationToken))
        {
            var pace = await statistics.GetPaceAsync(item.Department, item.Code, cancellationToken);
            if (pace is { Samples.Count: > 1 }) result.Add((item.Department, item.Code, CompletionForecast.Backtest(pace.Samples)));
        }

        return result;
    }
}
