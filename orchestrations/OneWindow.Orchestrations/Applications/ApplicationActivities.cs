using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Supervision;
using OneWindow.Hosting;
using OneWindow.Hosting.Queues;
using OneWindow.Orchestrations.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Orchestrations.Applications;

/// <summary>
/// The application orchestration's activities. Each is idempotent (at-least-once delivery): it compares the stored
/// state with the step before writing, and SMS notices are deduplicated per case and event by the SMS function.
/// </summary>
public sealed class ApplicationActivities(
    IApplicationStore applications,
    ICatalogStore catalog,
    ICalendarStore calendars,
    IQueueMessageSender queue,
    CaseStatistics statistics,
    CaseFees fees,
    ILogger<ApplicationActivities> logger)
{
    public const string AcceptApplication = "AcceptApplication";
    public const string RequestCorrection = "RequestCorrection";
    public const string ApplyCorrection = "ApplyCorrection";
    public const string RejectApplication = "RejectApplication";
    public const string StartReview = "StartReview";

    [Function(AcceptApplication)]
    public async Task AcceptAsync([ActivityTrigger] AcceptanceStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        DateTimeOffset? supplyDue = null;
        IReadOnlyDictionary<string, string> names = new Dictionary<string, string>();
        if (step.Decision is { Decision: AcceptanceDecision.AcceptDeferred, SupplyWorkingDays: { } days })
        {
            var calendar = await calendars.GetCalendarAsync(cancellationToken);
            supplyDue = calendar.AddWorkingDays(step.AcceptedAt, days).At;
            names = await MaterialNamesAsync(step.ApplicationId, cancellationToken);
        }

        // The fee is fixed at acceptance (and its payment notice issued) from the catalog version of the case.
        var application = await applications.GetAsync(step.ApplicationId, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        var fee = application.AcceptedAt is null ? await fees.AssessAsync(application, step.AcceptedAt, cancellationToken) : null;
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.AcceptedAt is not null ? null : a with
        {
            Delivery = (a.Delivery ?? new Domain.Delivery.CaseDelivery()) with { Fee = fee },
            Status = ApplicationStatusNames.ToWire(ApplicationStatus.Accepted),
            AcceptedAt = step.AcceptedAt,
            DeemedAccepted = step.Decision is null,
            AwaitingDecision = false,
            DeferredMaterials = step.Decision?.DeferredMaterials ?? [],
            DeferredSupplyDueAt = supplyDue,

            // The deferred materials are answered through the corrections route, as a notice of the window (容缺受理).
            Corrections = supplyDue is { } due && step.Decision is { } deferral
                ? [.. a.Corrections, DeferredNotice(deferral, step.AcceptedAt, due, names)]
                : a.Corrections,
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        await PutListEntryAsync(saved, cancellationToken);
        logger.LogInformation("Application {ApplicationId} accepted ({How}).", saved.Id, step.Decision is null ? "deemed, Art. 32" : step.Decision.Decision);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, "accepted"), cancellationToken: cancellationToken);
    }

    private static CorrectionRequest DeferredNotice(AcceptanceDecision decision, DateTimeOffset acceptedAt, DateTimeOffset due, IReadOnlyDictionary<string, string> names) => new()
    {
        Id = CorrectionRequest.DeferredId,
        Items = decision.DeferredMaterials.Select(code => new CorrectionItem(code, names.GetValueOrDefault(code, code))).ToArray(),
        RequestedAt = acceptedAt,
        DueAt = due,
        SupplyWorkingDays = decision.SupplyWorkingDays,
        Status = CorrectionRequest.Open,
    };

    /// <summary>The names of the case's materials by code (its item's, or every item's of its package), for the applicant's texts.</summary>
    private async Task<IReadOnlyDictionary<string, string>> MaterialNamesAsync(string applicationId, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken) ?? throw new InvalidOperationException($"Application {applicationId} not found.");
        var codes = application.ItemCode is { } code
            ? [code]
            : (await catalog.GetPackageAsync(application.PackageCode!, application.CatalogVersion, cancellationToken))?.Stages.SelectMany(s => s.Items) ?? [];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var itemCode in codes)
        {
            var item = await catalog.GetItemAsync(itemCode, itemCode == application.ItemCode ? application.CatalogVersion : null, cancellationToken);
            foreach (var material in item?.Materials ?? []) names.TryAdd(material.Code, material.Name);
        }

        return names;
    }

    /// <summary>Records the window's correction notice and tells the applicant; returns its supply deadline, if any.</summary>
    [Function(RequestCorrection)]
    public async Task<DateTimeOffset?> RequestCorrectionAsync([ActivityTrigger] CorrectionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        DateTimeOffset? due = null;
        if (step.SupplyWorkingDays is { } days)
        {
            var calendar = await calendars.GetCalendarAsync(cancellationToken);
            due = calendar.AddWorkingDays(step.RequestedAt, days).At;
        }

        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.Corrections.Any(c => c.Id == step.CorrectionId) ? null : a with
        {
            Status = ApplicationStatusNames.ToWire(ApplicationStatus.CorrectionRequired),
            AwaitingDecision = false,
            Corrections = [.. a.Corrections, new CorrectionRequest
            {
                Id = step.CorrectionId,
                Items = step.Items,
                RequestedAt = step.RequestedAt,
                DueAt = due,
                SupplyWorkingDays = due is null ? null : step.SupplyWorkingDays,
                Status = CorrectionRequest.Open,
            }],
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        await PutListEntryAsync(saved, cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, step.CorrectionId), cancellationToken: cancellationToken);

        // The stored deadline, so a repeated activity answers what the first run recorded.
        return saved.Corrections.First(c => c.Id == step.CorrectionId).DueAt;
    }

    /// <summary>The applicant's answer (recorded by the corrections route) replaces the materials it names; the case waits for the window again.</summary>
    [Function(ApplyCorrection)]
    public async Task ApplyCorrectionAsync([ActivityTrigger] DecisionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var saved = await applications.UpdateAsync(step.ApplicationId, a =>
        {
            var correction = a.Corrections.FirstOrDefault(c => c.Id == step.Reference);
            if (correction is null || correction.Status == CorrectionRequest.Resolved) return null;
            var replaced = correction.Materials.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
            return a with
            {
                Status = ApplicationStatusNames.ToWire(ApplicationStatus.Submitted),
                AwaitingDecision = true,
                PendingAcceptance = null,
                Materials = [.. a.Materials.Where(m => !replaced.Contains(m.Code)), .. correction.Materials],
                Corrections = a.Corrections.Select(c => c.Id == correction.Id ? c with { Status = CorrectionRequest.Resolved } : c).ToArray(),
            };
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        await PutListEntryAsync(saved, cancellationToken);
    }

    [Function(RejectApplication)]
    public async Task RejectAsync([ActivityTrigger] DecisionStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var saved = await applications.UpdateAsync(step.ApplicationId, a => a.DecidedAt is not null ? null : a with
        {
            Status = ApplicationStatusNames.ToWire(ApplicationStatus.Rejected),
            AwaitingDecision = false,
            RejectionReason = step.Reason,
            DecidedAt = step.At,
        }, cancellationToken) ?? throw new InvalidOperationException($"Application {step.ApplicationId} not found.");
        await PutListEntryAsync(saved, cancellationToken);
        await statistics.CaseFinishedAsync(saved, cancellationToken);
        await queue.SendAsync(ApplicationQueues.SmsOutbox, new SmsNotice(saved.Id, "rejected"), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Creates the stages and department tasks from the catalog version the case was submitted with: the first stage(s)
    /// <c>in-review</c> with their deadlines counted from acceptance, later stages <c>waiting</c>.
    /// </summary>
    [Function(StartReview)]
    public async Task StartReviewAsync([ActivityTrigger] string applicationId, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken) ?? throw new InvalidOperationException($"Application {applicationId} not found.");
        if (application.Stages.Count > 0) return;
        var acceptedAt = application.AcceptedAt ?? application.SubmittedAt;
        var calendar = await calendars.GetCalendarAsync(cancellationToken);
        var stages = new List<ApplicationStage>();
        DateTimeOffset? dueAt = null, legalDueAt = null;
        var provisional = false;
        if (application.ItemCode is { } itemCode)
        {
            var item = await catalog.GetItemAsync(itemCode, application.CatalogVersion, cancellationToken) ?? throw new InvalidOperationException($"Item {itemCode} v{application.CatalogVersion} not found.");
            var task = NewTask(applicationId, 1, item, DepartmentTask.InReview, acceptedAt, calendar, out var deadlines, application.GreenChannel is not null);
            stages.Add(new ApplicationStage("review", item.Name, DepartmentTask.InReview, item.Department, [task]));
            (dueAt, legalDueAt, provisional) = (deadlines!.DueAt, deadlines.LegalDueAt, deadlines.IsProvisional);
        }
        else
        {
            var package = await catalog.GetPackageAsync(application.PackageCode!, application.CatalogVersion, cancellationToken) ?? throw new InvalidOperationException($"Package {application.PackageCode} v{application.CatalogVersion} not found.");
            var number = 0;
            foreach (var stage in package.Stages)
            {
                number++;
                var status = stage.After.Count == 0 ? DepartmentTask.InReview : DepartmentTask.Waiting;
                var tasks = new List<DepartmentTask>();
                foreach (var code in stage.Items)
                {
                    var item = await catalog.GetItemAsync(code, null, cancellationToken) ?? throw new InvalidOperationException($"Item {code} not found.");
                    tasks.Add(NewTask(applicationId, number, item, status, acceptedAt, calendar, out var d, application.GreenChannel is not null));
                    provisional |= d?.IsProvisional ?? false;
                }

                stages.Add(new ApplicationStage(stage.Code, stage.Name, status, stage.LeadDepartment, tasks));
            }

            var promised = calendar.ComputeDeadline(acceptedAt, package.Deadline ?? package.LegalDeadline);
            var legal = calendar.ComputeDeadline(acceptedAt, package.LegalDeadline);
            (dueAt, legalDueAt) = (promised.At, legal.At);
            provisional |= promised.ProvisionalYears.Count > 0 || legal.ProvisionalYears.Count > 0;
        }

        var saved = await applications.UpdateAsync(applicationId, a => a.Stages.Count > 0 ? null : a with
        {
            Status = ApplicationStatusNames.ToWire(ApplicationStatus.InReview),
            Stages = stages,
            DueAt = dueAt,
            LegalDueAt = legalDueAt,
            Provisional = provisional,
        }, cancellationToken);
        await PutListEntryAsync(saved!, cancellationToken);
    }

    /// <summary>A task id names the case, the stage number and the item: stable across retries, no personal data.</summary>
    private static DepartmentTask NewTask(string applicationId, int stage, ServiceItem item, string status, DateTimeOffset acceptedAt, WorkingDayCalendar calendar, out ItemDeadlines? deadlines, bool greenChannel = false)
    {
        deadlines = status == DepartmentTask.InReview ? ItemDeadlines.For(item, acceptedAt, calendar, greenChannel || item.GreenChannel is { Priority: true }) : null;
        return new DepartmentTask
        {
            Id = $"{applicationId}-s{stage}-{item.Code}",
            ItemCode = item.Code,
            Department = item.Department,
            Status = status,
            WarningAt = deadlines?.WarningAt,
            DueAt = deadlines?.DueAt,
            LegalDueAt = deadlines?.LegalDueAt,
        };
    }

    private Task PutListEntryAsync(ApplicationRecord a, CancellationToken cancellationToken) =>
        applications.PutApplicantListEntryAsync(a.OwnerHash, a.ListEntry(), cancellationToken);
}
