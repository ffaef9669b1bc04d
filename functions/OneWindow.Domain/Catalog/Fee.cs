namespace OneWindow.Domain.Catalog;

/// <summary>A fee of an item with its legal basis (收费依据); most items are free.</summary>
public sealed record Fee(string Name, decimal Amount, string Basis);
