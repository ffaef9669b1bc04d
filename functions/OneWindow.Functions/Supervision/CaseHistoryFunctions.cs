using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// API.md "Supervision": a case's orchestration history (the engine's, sub-orchestrations followed; the archive once
/// retention purged the instances) and its timeline in domain terms with the working time of each step.
/// </summary>
public sealed class CaseHistoryFunctions(IApplicationStore applications, IReviewTaskStore tasks, ICaseHistoryArchiveStore archives, ICalendarStore calendars, ISmsDeliveryStore sms)
{
    [Function("GetCaseHistory")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/applications/{id}/history")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null) return ApplicationHttp.NotFound($"No application '{id}'.");
        var departments = application.Stages.SelectMany(s => s.Tasks).ToDictionary(t => t.Id, t => t.Department, StringComparer.Ordinal);

        var instance = await durable.GetInstanceAsync(id, cancellationToken);
        if (instance is not null)
        {
            var (events, _) = await CaseHistoryReader.ReadAsync(durable, id, cancellationToken);
            return Answer(id, instance.RuntimeStatus.ToString(), instance.CreatedAt, instance.LastUpdatedAt, CaseHistoryView.Build(id, events, departments));
        }

        var archive = await archives.GetAsync(id, cancellationToken);
        return archive is null
            ? ApplicationHttp.NotFound($"Application {id} has no orchestration history (not started yet).")
            : Answer(id, archive.RuntimeStatus, archive.CreatedAt, archive.LastUpdatedAt, CaseHistoryView.Build(id, archive.Events, departments));
    }

    private static IResult Answer(string id, string status, DateTimeOffset createdAt, DateTimeOffset lastUpdatedAt, IReadOnlyList<CaseHistoryView.Event> events) => Results.Json(new
    {
        instanceId = id,
        runtimeStatus = status,
        createdAt,
        lastUpdatedAt,
        events = events.Select(e => new
        {
            sequence = e.Sequence,
            timestamp = e.Timestamp,
            type = e.Type,
            name = e.Name,
            instanceId = e.InstanceId,
            department = e.Department,
            actor = e.Actor,
            detail = e.Detail,
        }),
    });

    [Function("GetCaseTimeline")]
    [Authorize(Roles = PlatformRoles.Supervisor + "," + PlatformRoles.Chief)]
    public async Task<IResult> TimelineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/applications/{id}/timeline")] HttpRequest req, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null) return ApplicationHttp.NotFound($"No application '{id}'.");
        if (Refused(req.HttpContext.User, application) is { } refused) return refused;
        var taskIds = application.Stages.SelectMany(s => s.Tasks).Select(t => t.Id).Distinct().ToArray();
        var documents = await Task.WhenAll(taskIds.Select(t => tasks.GetAsync(t, cancellationToken)));
        var sent = await Task.WhenAll(CaseTimeline.ApplicantSms.Keys.Select(async e => (Event: e, Record: await sms.GetAsync($"sms-{id}-{e}", cancellationToken))));
        var steps = CaseTimeline.Build(application, documents.Select(d => d.Task).OfType<ReviewTask>(), await calendars.GetCalendarAsync(cancellationToken),
            sent.Where(s => s.Record?.SentAt is not null).Select(s => (s.Event, s.Record!.SentAt!.Value)));
        return Results.Json(steps.Select(s => new { at = s.At, step = s.Step, department = s.Department, actor = s.Actor, detail = s.Detail, workingDays = s.WorkingDays }));
    }

    /// <summary>Supervisors see every case; a chief only cases with a task of their department (403 otherwise).</summary>
    internal static IResult? Refused(ClaimsPrincipal user, ApplicationRecord application)
    {
        if (user.HasRole(PlatformRoles.Supervisor)) return null;
        var department = user.Department();
        return department is not null && application.Stages.SelectMany(s => s.Tasks).Any(t => t.Department == department)
            ? null
            : ApplicationHttp.Forbidden("This application has no task of your department.");
    }
}
