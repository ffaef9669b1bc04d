namespace OneWindow.Domain.Delivery;

/// <summary>One fee rule as assessed for a case: its amount, legal basis and, when waived, the exemption that waived it.</summary>
public sealed record FeeLine(string ItemCode, string Name, decimal Amount, string Basis, string? Exemption);
