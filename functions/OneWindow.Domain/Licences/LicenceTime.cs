using System.Globalization;

namespace OneWindow.Domain.Licences;

/// <summary>Licence dates are China calendar dates (UTC+8): what is printed, signed and compared.</summary>
public static class LicenceTime
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>The China calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(ChinaOffset).DateTime);

    /// <summary>The last tick of <paramref name="day"/> in China time.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).AddDays(1).AddTicks(-1);

    /// <summary>yyyyMMdd, the compact date of the QR payload.</summary>
    public static string Compact(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>yyyy年M月d日, as printed.</summary>
    public static string Chinese(DateOnly day) => day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
