using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>API.md "Supervision": open alerts (one document, no query), for supervisors and, of their own department, chiefs.</summary>
public sealed class SupervisionFunctions(IAlertStore alerts)
{
    [Function("ListOpenAlerts")]
    [Authorize(Roles = PlatformRoles.Supervisor + "," + PlatformRoles.Chief)]
    public async Task<IResult> AlertsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/alerts")] HttpRequest req, CancellationToken cancellationToken)
    {
        var level = req.Query["level"].ToString();
        if (level.Length > 0 && !Alert.Levels.Contains(level)) return ApplicationHttp.Invalid("level", "level must be one of " + string.Join(", ", Alert.Levels) + ".");

        // Supervisors see every department's alerts (or one, ?department=); a chief only their own department's.
        var department = req.Query["department"].ToString();
        var user = req.HttpContext.User;
        if (!user.HasRole(PlatformRoles.Supervisor))
        {
            var own = user.Department();
            if (own is null || department.Length > 0 && department != own) return ApplicationHttp.Forbidden("A chief sees the alerts of their own department only.");
            department = own;
        }

        var open = await alerts.GetOpenAsync(cancellationToken);
        return Results.Json(open.Where(a => (level.Length == 0 || a.Level == level) && (department.Length == 0 || a.Department == department)).OrderBy(a => a.RaisedAt).Select(a => new
        {
            applicationId = a.ApplicationId,
            number = a.Number,
            taskId = a.TaskId,
            department = a.Department,
            level = a.Level,
            dueAt = a.DueAt,
            raisedAt = a.RaisedAt,
        }));
    }
}
