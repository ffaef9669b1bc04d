namespace OneWindow.Orchestrations.Review;

/// <summary>One stage: its parallel tasks, its lead department and the item whose deadline the lead's consolidation follows.</summary>
public sealed record PlannedStage(string Code, string LeadDepartment, string ConsolidationItemCode, IReadOnlyList<PlannedTask> Tasks);
