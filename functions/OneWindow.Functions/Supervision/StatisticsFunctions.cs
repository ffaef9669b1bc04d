using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Supervision;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// API.md "Supervision", stats: per department and period from the counter documents (one point read per department
/// and month, never a query: the answer takes as long with a million cases as with a hundred), and the county's
/// summary (online-handling rate, share finished on time, satisfaction). Supervisors see every department, a chief
/// only their own.
/// </summary>
public sealed class StatisticsFunctions(IStatisticsStore statistics, ICatalogStore catalog, CompletionPredictor predictor, TimeProvider time)
{
    [Function("GetDepartmentStatistics")]
    [Authorize(Roles = PlatformRoles.Supervisor + "," + PlatformRoles.Chief)]
    public async Task<IResult> StatsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/stats")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var period = StatisticsPeriod.Parse(req.Query["from"], req.Query["to"], CaseStatistics.DayOf(time.GetUtcNow()), out var errors);
        if (period is null) return ApplicationHttp.Invalid(errors);
        var user = req.HttpContext.User;
        var asked = req.Query["department"].ToString();
        var own = user.HasRole(PlatformRoles.Supervisor) ? null : user.Department();
        if (!user.HasRole(PlatformRoles.Supervisor))
        {
            if (own is null) return ApplicationHttp.Forbidden("A chief sees the statistics of their own department only, and this token names none.");
            if (asked.Length > 0 && asked != own) return ApplicationHttp.Forbidden($"A chief sees the statistics of their own department ({own}) only.");
            asked = own;
        }

        var departments = await catalog.ListDepartmentsAsync(cancellationToken);
        if (asked.Length > 0)
        {
            departments = departments.Where(d => d.Code == asked).ToArray();
            if (departments.Count == 0) return ApplicationHttp.NotFound($"No department '{asked}'.");
        }

        var rows = await Task.WhenAll(departments.Select(async d => DepartmentStatistics.Of(d.Code, d.Name, await SumAsync(d.Code, period, cancellationToken))));
        return Results.Json(rows.OrderBy(r => r.Department, StringComparer.Ordinal).Select(r => new
        {
            department = r.Department,
            name = r.Name,
            received = r.Received,
            completed = r.Completed,
            onTime = r.OnTime,
            overdue = r.Overdue,
            averageWorkingDays = r.AverageWorkingDays,
            satisfaction = r.Satisfaction,
            evaluations = r.Evaluations,
        }));
    }

    [Function("GetStatisticsSummary")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> SummaryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/stats/summary")] HttpRequest req, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var period = StatisticsPeriod.Parse(req.Query["from"], req.Query["to"], CaseStatistics.DayOf(time.GetUtcNow()), out var errors);
        if (period is null) return ApplicationHttp.Invalid(errors);
        var f = await SumAsync(StatisticsFigures.County, period, cancellationToken);
        return Results.Json(new
        {
            from = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            to = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            submitted = f.Submitted,
            online = f.Online,
            onlineRate = Rate(f.Online, f.Submitted),
            finished = f.Finished,
            finishedOnTime = f.FinishedOnTime,
            onTimeRate = Rate(f.FinishedOnTime, f.Finished),
            evaluations = f.Evaluations,
            satisfaction = f.Evaluations == 0 ? (double?)null : Math.Round((double)f.ScoreSum / f.Evaluations, 2),
        });
    }

    /// <summary>
    /// The backtest of the predicted completion: every decided task of each item at its department predicted from the
    /// tasks before it (the pace a prediction would have used then), against the working days it took.
    /// </summary>
    [Function("BacktestCompletionForecast")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> BacktestAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/forecast/backtest")] HttpRequest req, CancellationToken cancellationToken)
    {
        var items = await predictor.BacktestAsync(cancellationToken);
        var all = items.SelectMany(i => i.Errors).ToArray();
        return Results.Json(new
        {
            tasks = all.Length,
            meanAbsoluteErrorWorkingDays = all.Length == 0 ? (double?)null : Math.Round(all.Average(), 3),
            medianAbsoluteErrorWorkingDays = all.Length == 0 ? (double?)null : Math.Round(CompletionForecast.Median(all), 3),
            items = items.Select(i => new { department = i.Department, itemCode = i.ItemCode, tasks = i.Errors.Count, meanAbsoluteErrorWorkingDays = Math.Round(i.Errors.Average(), 3) }),
        });
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private async Task<StatisticsFigures> SumAsync(string scope, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var months = await Task.WhenAll(period.Months().Select(m => statistics.GetMonthAsync(scope, m.Year, m.Month, cancellationToken)));
        return months.OfType<StatisticsMonth>().Aggregate(new StatisticsFigures(), (sum, m) => sum.Plus(m.Sum(period.From, period.To)));
    }
}
