namespace OneWindow.Domain.Catalog;

/// <summary>One stage of a <see cref="PackagePlan"/> with its expected working days.</summary>
public sealed record PackagePlanStage(string Code, string Name, string LeadDepartment, IReadOnlyList<string> Items, int ExpectedWorkingDays);
