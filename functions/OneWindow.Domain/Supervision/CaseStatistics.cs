using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;

namespace OneWindow.Domain.Supervision;

/// <summary>
/// The one place that turns what happens to a case into statistics counters (decision 0740): the activities and routes
/// that change a case call it after their own write. Every change carries a key (what happened to which task or case),
/// so a retried activity counts once; days are Asia/Shanghai dates of business time.
/// </summary>
public sealed class CaseStatistics(IStatisticsStore store, ICalendarStore calendars)
{
    /// <summary>
    /// True for the tasks a department's figures count: review tasks, and the handling of disclosure requests and mailbox
    /// letters (the department's own work on a case); not consolidations, consultations or the office's intake.
    /// </summary>
    public static bool Counts(ReviewTask task) => task is { Kind: ReviewTask.Review or ReviewTask.Handling };

    /// <summary>A review or handling task was assigned to its department.</summary>
    public Task TaskOpenedAsync(ReviewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Counts(task)) return Task.CompletedTask;
        return store.ApplyAsync(task.Department, DayOf(task.StartedAt), "received:" + task.Id, f => f with { Received = f.Received + 1 }, cancellationToken);
    }

    /// <summary>A review task closed: counted as completed (and on time or not) when it was decided, and added to the department's pace.</summary>
    public async Task TaskClosedAsync(ReviewTask task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Counts(task) || task.DecidedAt is not { } decidedAt || task.Status is not (ReviewTaskStatus.Approved or ReviewTaskStatus.Rejected or ReviewTaskStatus.Answered)) return;
        var took = WorkingDaysTaken(await calendars.GetCalendarAsync(cancellationToken), task);
        var onTime = task.DueAt is not { } due || decidedAt <= due;
        await store.ApplyAsync(task.Department, DayOf(decidedAt), "completed:" + task.Id, f => f with
        {
            Completed = f.Completed + 1,
            OnTime = f.OnTime + (onTime ? 1 : 0),
            WorkingDays = f.WorkingDays + took,
        }, cancellationToken);
        await store.RecordPaceAsync(task.Department, task.ItemCode, task.Id, took, cancellationToken);
    }

    /// <summary>A review task passed its promised deadline (counted once per task).</summary>
    public Task TaskOverdueAsync(ReviewTask task, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!Counts(task)) return Task.CompletedTask;
        return store.ApplyAsync(task.Department, DayOf(at), "overdue:" + task.Id, f => f with { Overdue = f.Overdue + 1 }, cancellationToken);
    }

    /// <summary>A case was submitted; <paramref name="online"/> when the applicant submitted it (not entered at the window).</summary>
    public Task CaseSubmittedAsync(ApplicationRecord application, bool online, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        return store.ApplyAsync(StatisticsFigures.County, DayOf(application.SubmittedAt), "submitted:" + application.Id,
            f => f with { Submitted = f.Submitted + 1, Online = f.Online + (online ? 1 : 0) }, cancellationToken);
    }

    /// <summary>A case finished (approved, rejected at the window or in review, terminated).</summary>
    public Task CaseFinishedAsync(ApplicationRecord application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.DecidedAt is not { } decidedAt) return Task.CompletedTask;
        var onTime = application.DueAt is not { } due || decidedAt <= due;
        return store.ApplyAsync(StatisticsFigures.County, DayOf(decidedAt), "finished:" + application.Id,
            f => f with { Finished = f.Finished + 1, FinishedOnTime = f.FinishedOnTime + (onTime ? 1 : 0) }, cancellationToken);
    }

    /// <summary>An evaluation counts for the county and every department of the case.</summary>
    public async Task EvaluatedAsync(Evaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        foreach (var scope in evaluation.Departments.Where(d => d != Evaluation.Window).Append(StatisticsFigures.County))
        {
            await store.ApplyAsync(scope, DayOf(evaluation.SubmittedAt), "evaluation:" + evaluation.Id,
                f => f with { Evaluations = f.Evaluations + 1, ScoreSum = f.ScoreSum + evaluation.Score }, cancellationToken);
        }
    }

    /// <summary>The working days a task took from its start to its decision on the calendar, suspended time left out.</summary>
    public static double WorkingDaysTaken(WorkingDayCalendar calendar, ReviewTask task)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(task);
        var end = task.DecidedAt ?? task.StartedAt;
        var office = calendar.CountWorkingDays(task.StartedAt, end).WorkingTime;
        foreach (var s in task.Suspensions)
        {
            var from = s.From < task.StartedAt ? task.StartedAt : s.From;
            var to = s.To is { } t && t < end ? t : end;
            office -= calendar.CountWorkingDays(from, to).WorkingTime;
        }

        return Math.Round(Math.Max(0, office.TotalHours) / WorkingDayCalendar.OfficeTimePerDay.TotalHours, 3);
    }

    /// <summary>The Asia/Shanghai date of an instant: the day a counter belongs to.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(WorkingDayCalendar.ToLocal(at));
}
