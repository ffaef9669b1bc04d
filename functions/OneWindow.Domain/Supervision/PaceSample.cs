namespace OneWindow.Domain.Supervision;

/// <summary>One decided task in a department's pace: its id and the working days it took.</summary>
public sealed record PaceSample(string TaskId, double WorkingDays);
