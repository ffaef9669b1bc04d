using System.Globalization;

namespace OneWindow.Domain.Applications;

/// <summary>
/// A number a person can read out over the phone: county code, Asia/Shanghai date and the daily
/// sequence, e.g. 341881-20261122-0007.
/// </summary>
public sealed record ApplicationNumber(string CountyCode, DateOnly Date, int Sequence)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{CountyCode}-{Date:yyyyMMdd}-{Sequence:0000}");

    /// <summary>Parses the readable form; null when it is not one.</summary>
    public static ApplicationNumber? TryParse(string? input)
    {
        var parts = input?.Split('-');
        if (parts is not { Length: 3 } || parts[0].Length != 6 || !parts[0].All(char.IsAsciiDigit)) return null;
        if (!DateOnly.TryParseExact(parts[1], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return null;
        if (parts[2].Length < 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1) return null;
        return new ApplicationNumber(parts[0], date, seq);
    }
}
