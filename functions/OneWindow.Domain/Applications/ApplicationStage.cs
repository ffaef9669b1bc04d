namespace OneWindow.Domain.Applications;

/// <summary>One stage of a case: its department tasks run in parallel under the lead department.</summary>
public sealed record ApplicationStage(string Code, string Name, string Status, string LeadDepartment, IReadOnlyList<DepartmentTask> Tasks);
