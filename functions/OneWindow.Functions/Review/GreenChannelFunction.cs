using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Durable;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// <c>POST /api/applications/{id}/green-channel</c> (clerk, or the chief of a department with a task in the case)
/// <c>{reason}</c>: puts the case on the green channel (绿色通道, spec 3.4.4(5)). Its tasks get the item's green-channel
/// deadlines and lead every worklist; the reason and who decided are kept on the case and in each task's history. Tasks
/// already open re-derive their deadlines; tasks opened later read the flag. A closed case is a 409; a second request is
/// answered with the first one's record and changes nothing.
/// </summary>
public sealed class GreenChannelFunction(IApplicationStore applications, TimeProvider time)
{
    [Function("PutCaseOnGreenChannel")]
    [Authorize(Roles = PlatformRoles.Clerk + "," + PlatformRoles.Chief)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/green-channel")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (application, reason, problem) = await CaseReasonRequest.ReadAsync(req, id, applications, cancellationToken);
        if (problem is not null) return problem;
        var user = req.HttpContext.User;
        if (IsClosed(application!)) return ApplicationHttp.Conflict($"Application {id} is {application!.Status}: a closed case cannot be put on the green channel.");

        var channel = new CaseGreenChannel(reason!, "user:" + user.Subject(), time.GetUtcNow());
        var saved = await applications.UpdateAsync(id, a => a.GreenChannel is not null || IsClosed(a) ? null : a with { GreenChannel = channel }, cancellationToken);
        if (saved is null || IsClosed(saved) && saved.GreenChannel != channel) return ApplicationHttp.Conflict($"Application {id} closed meanwhile.");

        // Tasks already open take the green channel now; a task not started yet reads it from the case when it opens.
        if (saved.GreenChannel == channel)
        {
            foreach (var task in saved.Stages.SelectMany(s => s.Tasks).Where(t => ReviewTaskStatus.IsOpen(t.Status) && t.Status != ReviewTaskStatus.Waiting))
            {
                try
                {
                    await durable.RaiseEventAsync(task.Id, DeadlinesChanged.EventName, new DeadlinesChanged(DeadlinesChanged.GreenChannel), cancellationToken);
                }
                catch (Exception e) when (e is InstanceNotFoundException or InstanceNotStartedException or InstanceNotRunningException)
                {
                    // Not started yet (OpenTask reads the flag), or closed since the read (nothing to speed up).
                }
            }
        }

        var kept = saved.GreenChannel!;
        return Results.Json(new { id, greenChannel = new { reason = kept.Reason, at = kept.At } }, statusCode: StatusCodes.Status202Accepted);
    }

    private static bool IsClosed(ApplicationRecord a) => a.DecidedAt is not null || a.Status is "approved" or "rejected" or "terminated" or "delivered";
}
