using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Calendar;
using OneWindow.Functions.Catalog;
using OneWindow.Hosting;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Orchestrations.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Administration;

/// <summary>
/// The year's official holiday arrangement (API.md "Administration"): GET shows the loaded arrangement, or
/// the statutory fallback marked provisional; PUT loads it (decision 0300).
/// </summary>
[Authorize(Roles = "admin")]
public sealed class AdminCalendarFunctions(ICalendarStore store, IEnumerable<ICalendarYearLoadedHandler> handlers, TimeProvider time, ILogger<AdminCalendarFunctions> logger)
{
    /// <summary>
    /// The admin alert of BRIEF: every morning, warn while a year that open cases reach into has no official
    /// arrangement loaded (deadlines in it are provisional until it is). 09:00 Beijing time, written 01:00 UTC: Azure evaluates
    /// schedules in UTC (Flex Consumption has no WEBSITE_TIME_ZONE).
    /// </summary>
    [Function("CalendarCoverageCheck")]
    public async Task CheckCoverageAsync([TimerTrigger("0 0 1 * * *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var missing = CalendarCoverage.MissingYears(await store.GetCalendarAsync(cancellationToken), time.GetUtcNow());
        foreach (var year in missing)
        {
            logger.LogWarning("No official holiday arrangement loaded for {Year}: deadlines in it are provisional. Load it with PUT /api/admin/calendar/{Year}.", year, year);
        }
    }

    [Function("AdminGetCalendarYear")]
    public async Task<IResult> GetYearAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/calendar/{year}")] HttpRequest req, string year, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2099)
            return CatalogHttp.Invalid(new Dictionary<string, string[]> { ["year"] = ["The year must be a number between 2000 and 2099."] });
        var arrangement = await store.GetArrangementAsync(y, cancellationToken);
        var shown = arrangement ?? StatutoryHolidays.For(y);
        return CatalogHttp.Ok(new { shown.Year, shown.Holidays, shown.AdjustedWorkingDays, provisional = arrangement is null });
    }

    [Function("AdminPutCalendarYear")]
    public async Task<IResult> PutYearAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/admin/calendar/{year}")] HttpRequest req, string year, CancellationToken cancellationToken, [DurableClient] DurableTaskClient? durable = null)
    {
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2099)
            return CatalogHttp.Invalid(new Dictionary<string, string[]> { ["year"] = ["The year must be a number between 2000 and 2099."] });
        var (arrangement, problem) = await CatalogHttp.ReadBodyAsync<HolidayArrangement>(req, year, cancellationToken, routeKey: "year");
        if (problem is not null) return problem;
        var errors = arrangement!.Year != y
            ? new Dictionary<string, string[]> { ["year"] = [$"The year must match the route ({y})."] }
            : arrangement.Validate();
        if (errors.Count > 0) return CatalogHttp.Invalid(errors);
        // The same arrangement again changes nothing: not stored again, and open cases are not told again.
        if (arrangement.SameAs(await store.GetArrangementAsync(y, cancellationToken)))
            return CatalogHttp.Ok(new { arrangement.Year, arrangement.Holidays, arrangement.AdjustedWorkingDays, provisional = false });
        await store.SaveArrangementAsync(arrangement, cancellationToken);
        var calendar = await store.GetCalendarAsync(cancellationToken);
        foreach (var handler in handlers)
        {
            await handler.YearLoadedAsync(y, calendar, cancellationToken);
        }

        // Every open deadline resting on the provisional year is re-derived by the instance that owns its timer (decision 0780).
        await InstanceBroadcast.SendAsync(durable, DeadlinesChanged.EventName, new DeadlinesChanged(DeadlinesChanged.Calendar, y), logger, cancellationToken);

        logger.LogInformation("Holiday arrangement of {Year} loaded: {Holidays} holidays, {Adjusted} adjusted working days",
            y, arrangement.Holidays.Sum(h => h.Days.Count), arrangement.AdjustedWorkingDays.Count);
        return CatalogHttp.Ok(new { arrangement.Year, arrangement.Holidays, arrangement.AdjustedWorkingDays, provisional = false });
    }
}
