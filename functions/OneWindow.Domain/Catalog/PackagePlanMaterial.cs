namespace OneWindow.Domain.Catalog;

/// <summary>A material of a <see cref="PackagePlan"/>: shared materials appear once for all the items needing them.</summary>
public sealed record PackagePlanMaterial(string Code, string Name, IReadOnlyList<string> Items, bool Required, bool Deferrable, bool Shared);
