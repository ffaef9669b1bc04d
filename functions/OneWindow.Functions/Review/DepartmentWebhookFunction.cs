using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Departments;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;
using OneWindow.Functions.Webhooks;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting;
using OneWindow.Hosting.Http;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// Inbound webhooks from department systems (API.md): HMAC-SHA256 over <c>timestamp.rawBody</c> within 300 s, delivery
/// ids and signatures remembered so a replay has no effect (under its own delivery id or a new one), tasks of other
/// departments refused. Decisions go through the same
/// <see cref="TaskActions"/> as the worklist, so both paths raise the same events.
/// </summary>
[AllowAnonymous]
public sealed class DepartmentWebhookFunction(
    ICatalogStore catalog,
    DepartmentSecrets secrets,
    IWebhookDeliveryStore deliveries,
    SignedWebhooks webhooks,
    TaskActions actions)
{
    [Function("ReceiveDepartmentWebhook")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/departments/{department}")] HttpRequest req, string department, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var known = await catalog.GetDepartmentAsync(department, cancellationToken);
        var secret = known is { HasOwnSystem: true } ? secrets.Resolve(known) : null;
        if (secret is null) return SignedWebhooks.Unauthorized($"Department '{department}' has no system registered for webhooks.");

        // Real time, not business time: the department system signs with its own clock, which the development clock does not move.
        var now = TimeProvider.System.GetUtcNow();
        var (raw, refused) = await webhooks.ReadAsync(req, department, secret, now, cancellationToken);
        if (refused is not null) return refused;

        var deliveryId = SignedWebhooks.DeliveryId(req);
        if (deliveryId is null) return SignedWebhooks.MissingDeliveryId();

        var (parsed, invalid) = JsonBody.ParseObject(raw);
        if (invalid is not null) return invalid;
        var body = parsed!;

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var taskId = ReviewRequests.Text(body, "taskId", true, 200, errors);
        DecisionRequest? decision = null;
        if (body["decision"] is not null) decision = ReviewRequests.Decision(body, opinionRequired: false, errors);
        string? step = null, note = null;
        if (body["progress"] is JsonObject progress)
        {
            step = ReviewRequests.Text(progress, "step", true, 200, errors, "progress.step");
            note = ReviewRequests.Text(progress, "note", false, ReviewRequests.MaxText, errors, "progress.note");
        }
        else if (body["progress"] is not null) ReviewRequests.Add(errors, "progress", "progress must be an object {step, note}.");

        if (body["licence"] is not null)
        {
            var fields = ReviewRequests.Licence(body, errors);
            if (decision is not null && fields is not null) decision = decision with { Licence = fields };
            if (decision is not null && decision.Decision != "approve") ReviewRequests.Add(errors, "licence", "licence goes only with decision approve.");
        }

        if (body["decision"] is null && body["progress"] is null) ReviewRequests.Add(errors, "decision", "Give a decision or a progress update.");
        if (errors.Count > 0) return ApplicationHttp.Invalid(errors);

        var actor = "system:" + department;
        if (await deliveries.SeenAsync(department, deliveryId, now, cancellationToken)) return await DuplicateAsync(durable, taskId!, department, actor, decision, deliveryId, cancellationToken);
        var (task, _, problem) = await actions.FindAsync(taskId!, department, cancellationToken);
        if (problem is not null) return problem;
        // The same signed request under a new delivery id is a replay too: its signature (over the timestamp and the raw
        // body) is remembered for as long as that timestamp can pass the window.
        if (!await webhooks.RememberAsync(req, department, deliveryId, now, cancellationToken)) return await DuplicateAsync(durable, taskId!, department, actor, decision, deliveryId, cancellationToken);

        if (step is not null)
        {
            var failed = await actions.RecordProgressAsync(task!, step, note, actor, cancellationToken);
            if (failed is not null) return failed;
        }

        if (decision is not null) return await actions.DecideAsync(durable, task!.Id, department, actor, decision, cancellationToken);
        return Results.Json(new { taskId, progress = step }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// A delivery seen before has no effect, except that a decision whose event was never raised (the host died between
    /// recording and raising) is raised now: the sender's retry is how it gets through.
    /// </summary>
    private async Task<IResult> DuplicateAsync(DurableTaskClient durable, string taskId, string department, string actor, DecisionRequest? decision, string deliveryId, CancellationToken cancellationToken)
    {
        if (decision is not null)
        {
            var (task, _, problem) = await actions.FindAsync(taskId, department, cancellationToken);
            if (problem is null && await actions.RaisePendingAsync(durable, task!, actor, decision, cancellationToken) is { } answer and not IStatusCodeHttpResult { StatusCode: StatusCodes.Status202Accepted }) return answer;
        }

        return Duplicate(deliveryId);
    }

    private static IResult Duplicate(string deliveryId) => Results.Json(new { deliveryId, duplicate = true }, statusCode: StatusCodes.Status202Accepted);
}
