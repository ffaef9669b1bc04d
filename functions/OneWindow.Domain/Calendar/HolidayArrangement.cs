namespace OneWindow.Domain.Calendar;

/// <summary>
/// One year's official holiday arrangement as the State Council publishes it: the days off and the
/// weekend days that are working days (调休上班).
/// </summary>
public sealed record HolidayArrangement(int Year, IReadOnlyList<HolidayPeriod> Holidays, IReadOnlyList<DateOnly> AdjustedWorkingDays)
{
    /// <summary>Checks the arrangement; returns errors by field (empty when valid).</summary>
    /// <summary>Whether <paramref name="other"/> holds the same holidays and adjusted working days (lists compared by content).</summary>
    public bool SameAs(HolidayArrangement? other) =>
        other is not null && System.Text.Json.JsonSerializer.Serialize(this) == System.Text.Json.JsonSerializer.Serialize(other);

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (Year is < 2000 or > 2099) Add("year", "The year must be between 2000 and 2099.");
        if (Holidays is null) Add("holidays", "The holidays are required.");
        if (Holidays is { Count: > 50 }) Add("holidays", "At most 50 holidays a year.");
        if (AdjustedWorkingDays is { Count: > 50 }) Add("adjustedWorkingDays", "At most 50 adjusted working days a year.");
        if (AdjustedWorkingDays is null) Add("adjustedWorkingDays", "The adjusted working days are required (may be empty).");
        var holidayDays = new HashSet<DateOnly>();
        for (var i = 0; Holidays is not null && i < Holidays.Count; i++)
        {
            var period = Holidays[i];
            if (period is null || string.IsNullOrWhiteSpace(period.Name)) Add($"holidays[{i}].name", "Each holiday needs a name.");
            else if (Text.InputText.Check(period.Name, 50, "name") is { } nameError) Add($"holidays[{i}].name", nameError);
            if (period?.Days is null || period.Days.Count == 0) { Add($"holidays[{i}].days", "Each holiday needs at least one day."); continue; }
            foreach (var day in period.Days)
            {
                if (day.Year != Year) Add($"holidays[{i}].days", $"{day:yyyy-MM-dd} is not in {Year}.");
                if (!holidayDays.Add(day)) Add($"holidays[{i}].days", $"{day:yyyy-MM-dd} is listed twice.");
            }
        }

        foreach (var day in AdjustedWorkingDays ?? [])
        {
            if (day.Year != Year) Add("adjustedWorkingDays", $"{day:yyyy-MM-dd} is not in {Year}.");
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) Add("adjustedWorkingDays", $"{day:yyyy-MM-dd} is not a Saturday or Sunday.");
            if (holidayDays.Contains(day)) Add("adjustedWorkingDays", $"{day:yyyy-MM-dd} is also a holiday.");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
