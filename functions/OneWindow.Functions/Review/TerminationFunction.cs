using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using OneWindow.Orchestrations.Review;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// <c>POST /api/applications/{id}/termination</c> (clerk, or the chief of a department with a task in the case): the
/// case ends <c>terminated</c> with the reason; its open tasks are cancelled and their departments' systems told.
/// </summary>
public sealed class TerminationFunction(IApplicationStore applications)
{
    [Function("TerminateApplication")]
    [Authorize(Roles = PlatformRoles.Clerk + "," + PlatformRoles.Chief)]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/termination")] HttpRequest req, string id, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var (application, reason, problem) = await CaseReasonRequest.ReadAsync(req, id, applications, cancellationToken);
        if (problem is not null) return problem;
        var user = req.HttpContext.User;
        if (application!.Status is not ("in-review" or "correction-required" or "suspended"))
            return ApplicationHttp.Conflict($"Application {id} is {application.Status}: only a case under review can be terminated.");
        await durable.RaiseEventAsync(id, ReviewEvents.Termination, new CancelReview(reason!, "user:" + user.Subject()), cancellationToken);
        return Results.Json(new { id, status = "terminating" }, statusCode: StatusCodes.Status202Accepted);
    }
}
