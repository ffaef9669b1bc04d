namespace OneWindow.Domain.Supervision;

/// <summary>One step of a case's timeline in domain terms (API.md "Supervision", timeline).</summary>
/// <param name="At">When it happened (business time).</param>
/// <param name="Step">What happened, a stable code (<c>submitted</c>, <c>accepted</c>, <c>task-assigned</c>, <c>warning</c>, <c>decided</c>, ...).</param>
/// <param name="Department">The department whose task it concerns, if any.</param>
/// <param name="Actor">Who caused it: <c>user:&lt;subject&gt;</c>, <c>system:&lt;department&gt;</c>, <c>timer</c>, <c>applicant</c>, <c>clerk</c>, <c>orchestration</c>.</param>
/// <param name="Detail">The step told for people (Chinese), with opinions and whom an escalation went to.</param>
/// <param name="WorkingDays">Working time since the previous step of the same track (the case, or the task) on the working-day calendar.</param>
public sealed record TimelineStep(DateTimeOffset At, string Step, string? Department, string? Actor, string Detail, double WorkingDays);
