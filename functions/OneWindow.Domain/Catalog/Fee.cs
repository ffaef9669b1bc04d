namespace OneWindow.Domain.Catalog;

/// <summary>
/// A fee rule of an item with its legal basis (收费依据); most items are free. The fee is either a fixed
/// <see cref="Amount"/> or a <see cref="Formula"/> over a number the applicant gives in the form; an
/// <see cref="Exemptions"/> entry that matches the case waives it (减免). The amount is fixed when the case is accepted.
/// </summary>
public sealed record Fee(string Name, decimal? Amount, string Basis)
{
    /// <summary>Largest amount a rule may produce, in yuan (a typo guard, not a legal limit).</summary>
    public const decimal MaxAmount = 10_000_000m;

    public FeeFormula? Formula { get; init; }

    public IReadOnlyList<FeeExemption> Exemptions { get; init; } = [];
}
