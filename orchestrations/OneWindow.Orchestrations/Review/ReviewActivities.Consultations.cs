using OneWindow.Domain.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Activities of <see cref="ConsultationOrchestration"/>: a consultation is a task document of the consulted department
/// (kind <c>consultation</c>), so it is escalated and closed by the same code as every task; only its deadlines differ
/// (the working days the asking department gave, no legal deadline).
/// </summary>
public sealed partial class ReviewActivities
{
    public const string OpenConsultation = "OpenConsultation";
    public const string EscalateConsultation = "EscalateConsultation";
    public const string RederiveConsultation = "RederiveConsultation";

    /// <summary>The consultation's deadlines as the asking route stored them; its worklist row carries the warning time.</summary>
    [Function(OpenConsultation)]
    public async Task<TaskDeadlines> OpenConsultationAsync([ActivityTrigger] string consultationId, CancellationToken cancellationToken)
    {
        var consultation = await RequireTaskAsync(consultationId, cancellationToken);
        if (consultation.IsOpen) await MirrorConsultationAsync(consultation, cancellationToken);
        return Deadlines(consultation);
    }

    /// <summary>Warning or overdue escalation to the consulted department's chief (and the supervisor when overdue); null once the consultation is closed.</summary>
    [Function(EscalateConsultation)]
    public async Task<DateTimeOffset?> EscalateConsultationAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var consultation = await RequireTaskAsync(step.TaskId, cancellationToken);
        if (!consultation.IsOpen) return null;
        return await EscalateAsync(step, cancellationToken);
    }

    /// <summary>The consultation's deadlines counted again from when it was asked (a year's arrangement was loaded).</summary>
    [Function(RederiveConsultation)]
    public async Task<TaskDeadlines> RederiveConsultationAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var before = await RequireTaskAsync(step.TaskId, cancellationToken);
        if (!before.IsOpen || before.WorkingDays is not { } days) return Deadlines(before);
        var d = ConsultationDeadlines.For(await calendars.GetCalendarAsync(cancellationToken), before.StartedAt, days);
        var saved = await tasks.UpdateAsync(before.Id, t => t.DueAt == d.DueAt && t.WarningAt == d.WarningAt && t.ProvisionalYears.SequenceEqual(d.ProvisionalYears) ? null : t with
        {
            WarningAt = d.WarningAt,
            DueAt = d.DueAt,
            ProvisionalYears = d.ProvisionalYears,
            History = [.. t.History, new TaskEvent(step.At, "deadlines-rederived", step.Actor, $"due {d.DueAt:o}")],
        }, cancellationToken) ?? before;
        foreach (var (level, at) in new[] { (Alert.Warning, d.WarningAt), (Alert.Overdue, d.DueAt) })
        {
            if (at > step.At) await alerts.CloseAsync(Alert.IdOf(saved.Id, level), cancellationToken);
        }

        await AlertIfEarlierAsync(before, saved, step.At, cancellationToken);
        await MirrorConsultationAsync(saved, cancellationToken);
        await tasks.UpdateAsync(saved.ParentTaskId!, t => t.Consultations.All(c => c.Id != saved.Id || c.DueAt == saved.DueAt) ? null : t with
        {
            Consultations = t.Consultations.Select(c => c.Id == saved.Id ? c with { DueAt = saved.DueAt } : c).ToArray(),
        }, cancellationToken);
        return Deadlines(saved);
    }

    /// <summary>When the asking task closes, its unanswered consultations close with it (an answer now would change nothing).</summary>
    private async Task CancelConsultationsAsync(ReviewTask asking, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var open in asking.Consultations.Where(c => c.AnsweredAt is null))
        {
            var consultation = await tasks.UpdateAsync(open.Id, t => !t.IsOpen ? null : t with
            {
                Status = ReviewTaskStatus.Cancelled,
                DecidedAt = at,
                Decision = "cancelled",
                History = [.. t.History, new TaskEvent(at, "cancelled", "orchestration", "asking task closed")],
            }, cancellationToken);
            await alerts.CloseForTaskAsync(open.Id, cancellationToken);
            if (consultation is { } c)
                await worklists.CloseAsync(c.Department, new WorklistEntry(c.Id, c.ApplicationId, c.Number, c.ItemCode, c.Kind, c.Status, c.WarningAt, c.DueAt, c.GreenChannel, c.DecidedAt), cancellationToken);
        }
    }

    private Task MirrorConsultationAsync(ReviewTask c, CancellationToken cancellationToken) =>
        worklists.PutAsync(c.Department, new WorklistEntry(c.Id, c.ApplicationId, c.Number, c.ItemCode, ReviewTask.Consultation, c.Status, c.WarningAt, c.DueAt, c.GreenChannel), cancellationToken);
}
