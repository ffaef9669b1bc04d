namespace OneWindow.Domain.Catalog;

/// <summary>
/// The licence an approved case of an item produces (电子证照): its title as printed and how long it is valid. Items
/// without one issue no licence. Validity is counted in calendar years and days from the issue date (China time); both
/// zero means long-term (长期).
/// </summary>
public sealed record LicenceSpec
{
    public const int MaxValidityYears = 30;
    public const int MaxValidityDays = 3660;

    /// <summary>The licence's title, e.g. 食品经营许可证.</summary>
    public required string Title { get; init; }

    public int ValidityYears { get; init; }

    public int ValidityDays { get; init; }

    /// <summary>True when the licence never expires.</summary>
    public bool LongTerm => ValidityYears == 0 && ValidityDays == 0;

    /// <summary>
    /// The last instant of validity for a licence issued at <paramref name="issuedAt"/>: the end of the day before the
    /// anniversary (China time), or null for a long-term licence.
    /// </summary>
    public DateTimeOffset? ValidUntil(DateTimeOffset issuedAt)
    {
        if (LongTerm) return null;
        var day = DateOnly.FromDateTime(issuedAt.ToOffset(Licences.LicenceTime.ChinaOffset).DateTime).AddYears(ValidityYears).AddDays(ValidityDays);
        return Licences.LicenceTime.EndOfDay(day.AddDays(-1));
    }
}
