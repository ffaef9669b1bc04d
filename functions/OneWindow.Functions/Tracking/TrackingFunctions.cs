using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Applications;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Supervision;
using OneWindow.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Tracking;

/// <summary><c>GET /api/track/{number}</c>: public progress by application number, with no personal data, and an open case's predicted completion.</summary>
[AllowAnonymous]
public sealed class TrackingFunctions(IApplicationStore applications, CompletionPredictor predictor)
{
    [Function("TrackApplication")]
    public async Task<IResult> TrackAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/track/{number}")] HttpRequest req, string number, CancellationToken cancellationToken)
    {
        if (ApplicationNumber.TryParse(number) is null) return ApplicationHttp.NotFound($"'{number}' is not an application number.");
        var id = await applications.FindByNumberAsync(number, cancellationToken);
        var application = id is null ? null : await applications.GetAsync(id, cancellationToken);
        if (application is null) return ApplicationHttp.NotFound($"No application {number}.");
        return Results.Json(ApplicationViews.Track(application, await predictor.PredictAsync(application, cancellationToken)));
    }
}
