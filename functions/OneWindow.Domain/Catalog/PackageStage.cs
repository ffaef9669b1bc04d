namespace OneWindow.Domain.Catalog;

/// <summary>
/// One stage of a package flow: its items are handled in parallel, the lead department consolidates.
/// A stage starts when every stage in <see cref="After"/> is done; an empty list starts with the case.
/// </summary>
public sealed record PackageStage
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string LeadDepartment { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
    public IReadOnlyList<string> After { get; init; } = [];
}
