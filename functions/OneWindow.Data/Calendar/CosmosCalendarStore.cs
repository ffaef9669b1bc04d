using Microsoft.Azure.Cosmos;
using OneWindow.Data.Catalog;
using OneWindow.Domain.Calendar;

namespace OneWindow.Data.Calendar;

/// <summary>
/// Holiday arrangements loaded by administrators, all in one document (<c>calendar</c>, a few KB a year),
/// so building the calendar is one point read. The embedded seed fills the years nobody stored.
/// </summary>
public sealed class CosmosCalendarStore(Container container) : ICalendarStore
{
    private const string Id = "calendar";
    private readonly CosmosDocuments documents = new(container);

    public async Task<WorkingDayCalendar> GetCalendarAsync(CancellationToken cancellationToken = default)
    {
        var stored = await ReadStoredAsync(cancellationToken);
        var years = WorkingDayCalendar.SeedArrangements().Where(s => stored.All(a => a.Year != s.Year)).Concat(stored);
        return new WorkingDayCalendar(years);
    }

    public async Task<HolidayArrangement?> GetArrangementAsync(int year, CancellationToken cancellationToken = default) =>
        (await ReadStoredAsync(cancellationToken)).FirstOrDefault(a => a.Year == year)
        ?? WorkingDayCalendar.SeedArrangements().FirstOrDefault(a => a.Year == year);

    public Task SaveArrangementAsync(HolidayArrangement arrangement, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<List<HolidayArrangement>>(Id, Id, list => [.. (list ?? []).Where(a => a.Year != arrangement.Year), arrangement], cancellationToken);

    private async Task<List<HolidayArrangement>> ReadStoredAsync(CancellationToken cancellationToken) =>
        (await documents.ReadAsync<List<HolidayArrangement>>(Id, Id, cancellationToken)).Value ?? [];
}
