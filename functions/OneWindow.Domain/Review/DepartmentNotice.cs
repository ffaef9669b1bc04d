namespace OneWindow.Domain.Review;

/// <summary>
/// Queue message of an outbound notice to a department system: references only. <see cref="Attempt"/> counts the
/// queue-level tries; the function re-enqueues with growing delays until the last one, then raises an alert.
/// </summary>
public sealed record DepartmentNotice(string Type, string TaskId, int Attempt = 1)
{
    public const string TaskAssigned = "task.assigned";
    public const string TaskCancelled = "task.cancelled";
    public const string CorrectionReceived = "correction.received";
}
