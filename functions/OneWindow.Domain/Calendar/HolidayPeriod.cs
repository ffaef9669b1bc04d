namespace OneWindow.Domain.Calendar;

/// <summary>One named holiday of a year's arrangement (e.g. 春节) and its days off.</summary>
public sealed record HolidayPeriod(string Name, IReadOnlyList<DateOnly> Days);
