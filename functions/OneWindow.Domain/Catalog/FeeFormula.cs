namespace OneWindow.Domain.Catalog;

/// <summary>
/// A fee computed from the case: <c>Base + PerUnit × form[Field]</c> (e.g. per square metre of floor area), then held
/// within <see cref="Minimum"/> and <see cref="Maximum"/>. A missing or non-numeric form value counts as zero units.
/// </summary>
public sealed record FeeFormula
{
    /// <summary>The form field (top level of the application's <c>form</c>) that holds the number of units.</summary>
    public string? Field { get; init; }

    /// <summary>The unit the field counts, for people reading the guide (平方米, 件).</summary>
    public string? Unit { get; init; }

    public decimal PerUnit { get; init; }

    public decimal Base { get; init; }

    public decimal? Minimum { get; init; }

    public decimal? Maximum { get; init; }
}
