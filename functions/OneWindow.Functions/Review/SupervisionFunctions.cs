using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Identity;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>API.md "Supervision": open alerts (one document, no query).</summary>
public sealed class SupervisionFunctions(IAlertStore alerts)
{
    [Function("ListOpenAlerts")]
    [Authorize(Roles = PlatformRoles.Supervisor)]
    public async Task<IResult> AlertsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/supervision/alerts")] HttpRequest req, CancellationToken cancellationToken)
    {
        var level = req.Query["level"].ToString();
        if (level.Length > 0 && !Alert.Levels.Contains(level)) return ApplicationHttp.Invalid("level", "level must be one of " + string.Join(", ", Alert.Levels) + ".");
        var open = await alerts.GetOpenAsync(cancellationToken);
        return Results.Json(open.Where(a => level.Length == 0 || a.Level == level).OrderBy(a => a.RaisedAt).Select(a => new
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
