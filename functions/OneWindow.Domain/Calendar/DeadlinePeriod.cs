using System.Text.Json.Serialization;

namespace OneWindow.Domain.Calendar;

/// <summary>
/// A deadline as an item states it: either whole working days, or a wall-clock duration for same-day
/// items (即办件) and demos. Exactly one of the two is set.
/// </summary>
public sealed record DeadlinePeriod(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? WorkingDays = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(IsoDurationJsonConverter))] TimeSpan? Duration = null)
{
    public static DeadlinePeriod OfWorkingDays(int days) => new(WorkingDays: days);

    public static DeadlinePeriod OfDuration(TimeSpan duration) => new(Duration: duration);

    /// <summary>True when exactly one of the two is set and it is positive.</summary>
    [JsonIgnore]
    public bool IsValid => (WorkingDays, Duration) switch
    {
        ({ } days, null) => days > 0,
        (null, { } duration) => duration > TimeSpan.Zero,
        _ => false,
    };

    /// <summary>Compares two periods of the same kind; periods of different kinds compare by an office-time equivalent (7 hours a working day).</summary>
    [JsonIgnore]
    public TimeSpan ApproximateWorkingTime => WorkingDays is { } d ? WorkingDayCalendar.OfficeTimePerDay * d : Duration ?? TimeSpan.Zero;
}
