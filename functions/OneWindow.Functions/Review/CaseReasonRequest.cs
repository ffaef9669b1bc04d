using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Functions.Applications;
using OneWindow.Hosting.Identity;

namespace OneWindow.Functions.Review;

/// <summary>
/// The body <c>{reason}</c> and the case of the routes a clerk, or the chief of a department with a task in the case, may
/// call on a case (termination, green channel): 400 without a reason, 404 for an unknown case, 403 for another
/// department's chief.
/// </summary>
public static class CaseReasonRequest
{
    public static async Task<(ApplicationRecord? Application, string? Reason, IResult? Problem)> ReadAsync(HttpRequest req, string id, IApplicationStore applications, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(applications);
        var (body, problem) = await ApplicationHttp.ReadJsonAsync(req, cancellationToken);
        if (problem is not null) return (null, null, problem);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var reason = ReviewRequests.Text((JsonObject)body!, "reason", true, 500, errors);
        if (errors.Count > 0) return (null, null, ApplicationHttp.Invalid(errors));
        var application = await applications.GetAsync(id, cancellationToken);
        if (application is null) return (null, null, ApplicationHttp.NotFound($"No application '{id}'."));
        if (application.Kind != Domain.Applications.CaseKinds.Licensing)
            return (null, null, ApplicationHttp.Conflict($"Case {id} is a {application.Kind} case: termination and the green channel are for licensing applications."));
        var user = req.HttpContext.User;
        if (!user.HasRole(PlatformRoles.Clerk) && !application.Stages.SelectMany(s => s.Tasks).Any(t => t.Department == user.Department()))
            return (null, null, ApplicationHttp.Forbidden("This application has no task of your department."));
        return (application, reason, null);
    }
}
