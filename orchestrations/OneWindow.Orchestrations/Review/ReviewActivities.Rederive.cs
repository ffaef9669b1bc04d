using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;
using OneWindow.Orchestrations.Applications;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Re-derivation of stored deadlines when the facts behind them change (a year's official holiday arrangement loaded,
/// the case put on the green channel): the instance that owns a deadline calls these and re-arms its timers with the
/// result. A deadline that moves earlier raises a <c>deadline-earlier</c> alert; writes happen only when something changed.
/// </summary>
public sealed partial class ReviewActivities
{
    public const string RederiveTask = "RederiveTask";
    public const string RederiveCorrection = "RederiveCorrection";

    /// <summary>
    /// A review or consolidation task: green channel taken from the case (in the same write), deadlines recomputed from the start (with its
    /// suspensions and extension), its open correction's supply deadline, and the case's own deadlines and
    /// <c>provisional</c> flag. Returns the task's deadlines with the correction's supply deadline.
    /// </summary>
    [Function(RederiveTask)]
    public async Task<TaskDeadlines> RederiveTaskAsync([ActivityTrigger] TaskStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var before = await RequireTaskAsync(step.TaskId, cancellationToken);
        if (!before.IsOpen) return Deadlines(before);
        var deadlines = await RecomputeAsync(step, "deadlines-rederived", cancellationToken);
        await AlertIfEarlierAsync(before, await RequireTaskAsync(step.TaskId, cancellationToken), step.At, cancellationToken);
        var supply = before.OpenCorrectionId is { } correctionId
            ? await RederiveCorrectionAsync(new DecisionStep(before.ApplicationId, step.At, correctionId, null), cancellationToken)
            : null;
        await RederiveCaseAsync(before.ApplicationId, cancellationToken);
        return deadlines with { SupplyDueAt = supply };
    }

    /// <summary>
    /// A correction notice's supply deadline counted again from its request with the working days it was given (window,
    /// department and deferred-materials notices alike); returns the deadline (unchanged when the notice is no longer open).
    /// </summary>
    [Function(RederiveCorrection)]
    public async Task<DateTimeOffset?> RederiveCorrectionAsync([ActivityTrigger] DecisionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        CorrectionRequest? before = null;
        var saved = await applications.UpdateAsync(step.ApplicationId, a =>
        {
            before = a.Corrections.FirstOrDefault(c => c.Id == step.Reference);
            if (before is not { Status: CorrectionRequest.Open, SupplyWorkingDays: { } days, DueAt: not null }) return null;
            var due = calendar.AddWorkingDays(before.RequestedAt, days).At;
            if (due == before.DueAt) return null;
            return a with
            {
                Corrections = a.Corrections.Select(c => c.Id == before.Id ? c with { DueAt = due } : c).ToArray(),
                DeferredSupplyDueAt = before.Id == CorrectionRequest.DeferredId ? due : a.DeferredSupplyDueAt,
            };
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        var after = saved.Corrections.FirstOrDefault(c => c.Id == step.Reference);
        if (before?.DueAt is { } old && after?.DueAt is { } moved && moved < old)
        {
            await alerts.RaiseAsync(new Alert(Alert.IdOf(after.Id == CorrectionRequest.DeferredId ? $"{saved.Id}-{after.Id}" : after.Id, Alert.DeadlineEarlier),
                saved.Id, saved.Number, after.Id, after.Department ?? "window", Alert.DeadlineEarlier, moved, step.At), cancellationToken);
        }

        if (before?.DueAt != after?.DueAt) await RederiveCaseAsync(saved.Id, cancellationToken);
        return after?.DueAt;
    }

    /// <summary>An alert when the warning, promised or legal deadline of a task moved earlier (the department has less time than it was told).</summary>
    private async Task AlertIfEarlierAsync(ReviewTask before, ReviewTask after, DateTimeOffset at, CancellationToken cancellationToken)
    {
        static bool Earlier(DateTimeOffset? old, DateTimeOffset? now) => old is { } o && now is { } n && n < o;
        if (!Earlier(before.DueAt, after.DueAt) && !Earlier(before.LegalDueAt, after.LegalDueAt) && !Earlier(before.WarningAt, after.WarningAt)) return;
        await alerts.RaiseAsync(new Alert(Alert.IdOf(after.Id, Alert.DeadlineEarlier), after.ApplicationId, after.Number, after.Id, after.Department, Alert.DeadlineEarlier, after.DueAt, at), cancellationToken);
        logger.LogInformation("Task {TaskId}: deadline moved earlier to {DueAt:o}.", after.Id, after.DueAt);
    }

    /// <summary>
    /// The case's own promised and legal deadlines counted again from acceptance (green channel included) and its
    /// <c>provisional</c> flag: true while a deadline of the case, of an open task or of an open correction notice still
    /// rests on a year without an official arrangement.
    /// </summary>
    private async Task RederiveCaseAsync(string applicationId, CancellationToken cancellationToken)
    {
        var application = await RequireApplicationAsync(applicationId, cancellationToken);
        if (application.AcceptedAt is not { } acceptedAt || application.DecidedAt is not null) return;
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var years = new SortedSet<int>();
        DateTimeOffset due, legal;
        if (application.ItemCode is { } code)
        {
            var item = await ItemAsync(application, code, cancellationToken);
            var d = ItemDeadlines.For(item, acceptedAt, calendar, item.GreenChannel is { Priority: true } || application.GreenChannel is not null);
            (due, legal) = (d.DueAt, d.LegalDueAt);
            years.UnionWith(d.ProvisionalYears);
        }
        else
        {
            var package = await catalog.GetPackageAsync(application.PackageCode!, application.CatalogVersion, cancellationToken)
                ?? throw new InvalidOperationException($"Package {application.PackageCode} not found.");
            var promised = calendar.ComputeDeadline(acceptedAt, package.Deadline ?? package.LegalDeadline);
            var statutory = calendar.ComputeDeadline(acceptedAt, package.LegalDeadline);
            (due, legal) = (promised.At, statutory.At);
            years.UnionWith(promised.ProvisionalYears.Concat(statutory.ProvisionalYears));
        }

        foreach (var row in application.Stages.SelectMany(s => s.Tasks).Where(t => ReviewTaskStatus.IsOpen(t.Status) && t.Status != ReviewTaskStatus.Waiting))
        {
            if ((await tasks.GetAsync(row.Id, cancellationToken)).Task is { } open) years.UnionWith(open.ProvisionalYears);
        }

        foreach (var correction in application.Corrections.Where(c => c is { Status: CorrectionRequest.Open, SupplyWorkingDays: not null }))
            years.UnionWith(calendar.AddWorkingDays(correction.RequestedAt, correction.SupplyWorkingDays!.Value).ProvisionalYears);

        var provisional = years.Count > 0;
        await applications.UpdateAsync(applicationId, a => a.DecidedAt is not null || a.DueAt == due && a.LegalDueAt == legal && a.Provisional == provisional ? null : a with
        {
            DueAt = due,
            LegalDueAt = legal,
            Provisional = provisional,
        }, cancellationToken);
    }
}
