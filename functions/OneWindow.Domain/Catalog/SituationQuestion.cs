namespace OneWindow.Domain.Catalog;

/// <summary>A situation question (情形) of an item; its answer selects materials.</summary>
public sealed record SituationQuestion(string Code, string Text, IReadOnlyList<string> Options);
