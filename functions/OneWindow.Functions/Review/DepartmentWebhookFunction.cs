using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Departments;
using OneWindow.Domain.Review;
using OneWindow.Functions.Applications;
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
    TaskActions actions,
    ILogger<DepartmentWebhookFunction> logger)
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>How long a delivery id is remembered: far beyond the 300 s signature window, so a replay cannot outlive it.</summary>
    public static readonly TimeSpan DeliveryMemory = TimeSpan.FromDays(2);

    /// <summary>
    /// How long a verified signature is remembered: a timestamp passes <see cref="DepartmentWebhookSignature.Window"/> until
    /// at most that long after now, so twice the window (and a minute for clocks) outlives every replay of it.
    /// </summary>
    public static readonly TimeSpan SignatureMemory = 2 * DepartmentWebhookSignature.Window + TimeSpan.FromMinutes(1);

    [Function("ReceiveDepartmentWebhook")]
    public async Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/departments/{department}")] HttpRequest req, string department, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var known = await catalog.GetDepartmentAsync(department, cancellationToken);
        var secret = known is { HasOwnSystem: true } ? secrets.Resolve(known) : null;
        if (secret is null) return Unauthorized($"Department '{department}' has no system registered for webhooks.");

        using var buffer = new MemoryStream();
        await req.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBodyBytes) return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large", detail: $"The body must be at most {MaxBodyBytes} bytes.");
        var raw = buffer.ToArray();
        // Real time, not business time: the department system signs with its own clock, which the development clock does not move.
        var now = TimeProvider.System.GetUtcNow();
        var verification = DepartmentWebhookSignature.Verify(secret, req.Headers["X-Timestamp"].ToString(), req.Headers["X-Signature"].ToString(), raw, now);
        switch (verification)
        {
            case WebhookVerification.StaleTimestamp:
                logger.LogWarning("Webhook from {Department} refused: stale timestamp.", department);
                return Unauthorized("X-Timestamp is more than 300 s away from now.");
            case WebhookVerification.BadSignature:
                logger.LogWarning("Webhook from {Department} refused: bad signature.", department);
                return Unauthorized("X-Signature does not match the body, the timestamp and the department's secret.");
            case WebhookVerification.MissingOrMalformedHeaders:
                return Unauthorized("X-Timestamp (Unix seconds) and X-Signature (sha256=<hex>) are required.");
        }

        var deliveryId = req.Headers["X-Delivery-Id"].ToString();
        if (deliveryId.Length is 0 or > 200) return ApplicationHttp.Invalid("X-Delivery-Id", "X-Delivery-Id is required (at most 200 characters), unique per delivery.");

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
        if (!await deliveries.TryRememberAsync(department, deliveryId, now, now + DeliveryMemory, cancellationToken)) return await DuplicateAsync(durable, taskId!, department, actor, decision, deliveryId, cancellationToken);
        // The same signed request under a new delivery id is a replay too: its signature (over the timestamp and the raw
        // body) is remembered for as long as that timestamp can pass the window.
        var signature = Convert.FromHexString(req.Headers["X-Signature"].ToString().AsSpan("sha256=".Length));
        if (!await deliveries.TryRememberSignatureAsync(department, signature, now, now + SignatureMemory, cancellationToken)) return await DuplicateAsync(durable, taskId!, department, actor, decision, deliveryId, cancellationToken);

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

    private static IResult Unauthorized(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: detail, type: "https://onewindow.example/problems/unauthorized");
}
