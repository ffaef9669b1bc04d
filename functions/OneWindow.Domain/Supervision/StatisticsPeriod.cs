using System.Globalization;
using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Supervision;

/// <summary>
/// The days a statistics request covers (Asia/Shanghai dates, both ends included), from its <c>from</c> and <c>to</c>:
/// dates (<c>2026-11-01</c>) or instants (<c>2026-11-01T00:00:00Z</c>, taken as their Shanghai date). Without them, the
/// last <see cref="DefaultDays"/> days up to today.
/// </summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>Days covered when neither end is given.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest period one request may cover (a bound on the documents it reads).</summary>
    public const int MaxDays = 366 * 3;

    /// <summary>The months the period touches, in order.</summary>
    public IEnumerable<(int Year, int Month)> Months()
    {
        for (var m = new DateOnly(From.Year, From.Month, 1); m <= To; m = m.AddMonths(1)) yield return (m.Year, m.Month);
    }

    /// <summary>Parses the query's ends; the errors name the field (from, to) and say what is wrong.</summary>
    public static StatisticsPeriod? Parse(string? from, string? to, DateOnly today, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var end = ParseEnd(to, "to", errors) ?? today;
        var start = ParseEnd(from, "from", errors) ?? end.AddDays(1 - DefaultDays);
        if (errors.Count > 0) return null;
        if (start > end) errors["from"] = [$"from ({start:yyyy-MM-dd}) is after to ({end:yyyy-MM-dd})."];
        else if (end.DayNumber - start.DayNumber + 1 > MaxDays) errors["to"] = [$"A period covers at most {MaxDays} days."];
        return errors.Count > 0 ? null : new StatisticsPeriod(start, end);
    }

    private static DateOnly? ParseEnd(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return DateOnly.FromDateTime(WorkingDayCalendar.ToLocal(instant));
        errors[field] = [$"{field} must be a date (yyyy-MM-dd) or an ISO 8601 time."];
        return null;
    }
}
