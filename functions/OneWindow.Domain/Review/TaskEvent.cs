namespace OneWindow.Domain.Review;

/// <summary>
/// One step in a task's history with who caused it: <c>user:&lt;subject&gt;</c>, <c>system:&lt;department&gt;</c>
/// (a department system's webhook), <c>timer</c> or <c>orchestration</c>.
/// </summary>
public sealed record TaskEvent(DateTimeOffset At, string Type, string Actor, string? Detail = null);
