namespace OneWindow.Orchestrations.Review;

/// <summary>One department task of a stage.</summary>
public sealed record PlannedTask(string TaskId, string ItemCode, string Department);
