using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;
using OneWindow.Hosting.Time;
using OneWindow.Orchestrations.Applications;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Activities of <see cref="DeferredMaterialsOrchestration"/>: the deferred materials' notice
/// (<see cref="CorrectionRequest.DeferredId"/>, written at acceptance) is answered through the corrections route like
/// any correction notice; these read its deadline, remind the applicant, and take the supplied materials into the case.
/// </summary>
public sealed partial class ReviewActivities
{
    public const string OpenDeferredMaterials = "OpenDeferredMaterials";
    public const string RemindDeferredMaterials = "RemindDeferredMaterials";
    public const string ApplyDeferredMaterials = "ApplyDeferredMaterials";
    public const string RederiveDeferredMaterials = "RederiveDeferredMaterials";

    /// <summary>SMS event of the reminder one working day before the supply deadline.</summary>
    public const string DeferredReminder = "deferred-reminder";

    [Function(OpenDeferredMaterials)]
    public async Task<DeferredDeadlines> OpenDeferredMaterialsAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken) =>
        await DeferredDeadlinesAsync(applicationId, cancellationToken);

    /// <summary>One SMS to the applicant (deduplicated per case and event) while the notice is still unanswered.</summary>
    [Function(RemindDeferredMaterials)]
    public async Task RemindDeferredMaterialsAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var application = await RequireApplicationAsync(applicationId, cancellationToken);
        if (application.Corrections.FirstOrDefault(c => c.Id == CorrectionRequest.DeferredId) is not { Status: CorrectionRequest.Open }) return;
        await queue.SendAsync(ReviewQueues.ReviewSms, new ReviewSmsNotice(applicationId, null, ReviewSmsNotice.Applicant, DeferredReminder), cancellationToken: cancellationToken);
    }

    /// <summary>The supplied materials replace those with the same code; the notice is resolved.</summary>
    [Function(ApplyDeferredMaterials)]
    public async Task ApplyDeferredMaterialsAsync([ActivityTrigger] DecisionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await applications.UpdateAsync(step.ApplicationId, a =>
        {
            var notice = a.Corrections.FirstOrDefault(c => c.Id == CorrectionRequest.DeferredId);
            if (notice is null || notice.Status == CorrectionRequest.Resolved) return null;
            var supplied = notice.Materials.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            return a with
            {
                Materials = [.. a.Materials.Where(m => !supplied.Contains(m.Code)), .. notice.Materials],
                Corrections = a.Corrections.Select(c => c.Id == notice.Id ? c with { Status = CorrectionRequest.Resolved } : c).ToArray(),
            };
        }, cancellationToken);
        logger.LogInformation("Application {ApplicationId}: deferred materials supplied.", step.ApplicationId);
    }

    /// <summary>The supply deadline counted again (a year's arrangement was loaded) and the reminder with it.</summary>
    [Function(RederiveDeferredMaterials)]
    public async Task<DeferredDeadlines> RederiveDeferredMaterialsAsync([ActivityTrigger] DecisionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        await RederiveCorrectionAsync(step with { Reference = CorrectionRequest.DeferredId }, cancellationToken);
        return await DeferredDeadlinesAsync(step.ApplicationId, cancellationToken);
    }

    private async Task<DeferredDeadlines> DeferredDeadlinesAsync(string applicationId, CancellationToken cancellationToken)
    {
        var application = await RequireApplicationAsync(applicationId, cancellationToken);
        var notice = application.Corrections.FirstOrDefault(c => c.Id == CorrectionRequest.DeferredId)
            ?? throw new InvalidOperationException($"Application {applicationId} has no deferred-materials notice.");
        var due = notice.DueAt ?? application.DeferredSupplyDueAt ?? throw new InvalidOperationException($"Application {applicationId}: deferred materials without a supply deadline.");
        var remind = (await calendars.GetCalendarAsync(cancellationToken)).SubtractWorkingTime(due, WorkingDayCalendar.OfficeTimePerDay).At;
        if (remind < notice.RequestedAt) remind = notice.RequestedAt;
        return new DeferredDeadlines(remind, due, notice.Status is CorrectionRequest.Submitted or CorrectionRequest.Resolved, DevelopmentClock.OffsetOf(time));
    }
}
