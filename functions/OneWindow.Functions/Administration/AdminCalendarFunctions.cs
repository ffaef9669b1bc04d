using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Calendar;
using OneWindow.Functions.Catalog;
using OneWindow.Hosting;

namespace OneWindow.Functions.Administration;

/// <summary>
/// The year's official holiday arrangement (API.md "Administration"): GET shows the loaded arrangement, or
/// the statutory fallback marked provisional; PUT loads it (decision 0300).
/// </summary>
[Authorize(Roles = "admin")]
public sealed class AdminCalendarFunctions(ICalendarStore store, ILogger<AdminCalendarFunctions> logger)
{
    [Function("AdminGetCalendarYear")]
    public async Task<IResult> GetYearAsync([HttpTrigger("get", Route = "admin/calendar/{year}")] HttpRequest req, string year, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2099)
            return CatalogHttp.Invalid(new Dictionary<string, string[]> { ["year"] = ["The year must be a number between 2000 and 2099."] });
        var arrangement = await store.GetArrangementAsync(y, cancellationToken);
        var shown = arrangement ?? StatutoryHolidays.For(y);
        return CatalogHttp.Ok(new { shown.Year, shown.Holidays, shown.AdjustedWorkingDays, provisional = arrangement is null });
    }

    [Function("AdminPutCalendarYear")]
    public async Task<IResult> PutYearAsync([HttpTrigger("put", Route = "admin/calendar/{year}")] HttpRequest req, string year, CancellationToken cancellationToken)
    {
        if (!int.TryParse(year, out var y) || y is < 2000 or > 2099)
            return CatalogHttp.Invalid(new Dictionary<string, string[]> { ["year"] = ["The year must be a number between 2000 and 2099."] });
        var (arrangement, problem) = await CatalogHttp.ReadBodyAsync<HolidayArrangement>(req, year, cancellationToken, routeKey: "year");
        if (problem is not null) return problem;
        var errors = arrangement!.Year != y
            ? new Dictionary<string, string[]> { ["year"] = [$"The year must match the route ({y})."] }
            : arrangement.Validate();
        if (errors.Count > 0) return CatalogHttp.Invalid(errors);
        await store.SaveArrangementAsync(arrangement, cancellationToken);
        logger.LogInformation("Holiday arrangement of {Year} loaded: {Holidays} holidays, {Adjusted} adjusted working days",
            y, arrangement.Holidays.Sum(h => h.Days.Count), arrangement.AdjustedWorkingDays.Count);
        return CatalogHttp.Ok(new { arrangement.Year, arrangement.Holidays, arrangement.AdjustedWorkingDays, provisional = false });
    }
}
