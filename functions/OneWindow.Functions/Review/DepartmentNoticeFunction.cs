using System.Net.Http;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Departments;
using OneWindow.Domain.Review;
using OneWindow.Domain.Uploads;
using OneWindow.Functions.Applications;
using OneWindow.Hosting;
using OneWindow.Hosting.Queues;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Functions.Review;

/// <summary>
/// Pushes task notices (assigned, cancelled, correction received) to department systems, signed like inbound webhooks.
/// A failed try is re-enqueued with a growing delay (<see cref="DepartmentNoticeOptions"/>: hours in all); after the last
/// one a <c>delivery-failed</c> alert is raised and the task is marked, and it stays decidable in the worklist.
/// </summary>
public sealed class DepartmentNoticeFunction(
    IReviewTaskStore tasks,
    IApplicationStore applications,
    IAlertStore alerts,
    ICatalogStore catalog,
    DepartmentSecrets secrets,
    DepartmentSystemClient client,
    DepartmentNoticeOptions options,
    IQueueMessageSender queue,
    IUploadStore uploads,
    TimeProvider time,
    ILogger<DepartmentNoticeFunction> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Function("PushDepartmentNotice")]
    public async Task RunAsync([QueueTrigger(ReviewQueues.DepartmentNotices)] DepartmentNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var (task, _) = await tasks.GetAsync(notice.TaskId, cancellationToken);
        if (task is null) return;
        var department = await catalog.GetDepartmentAsync(task.Department, cancellationToken);
        if (department is not { HasOwnSystem: true, CallbackUrl: { } url }) return;
        var secret = secrets.Resolve(department) ?? throw new InvalidOperationException($"No webhook secret configured for {department.Code}.");
        var application = await applications.GetAsync(task.ApplicationId, cancellationToken);
        var materials = new List<object>();
        var linksExpireAt = TimeProvider.System.GetUtcNow().AddDays(1); // storage checks SAS expiry against real time
        foreach (var material in application?.Materials ?? [])
        {
            // The case's fixed copy (decision 0015), served as its declared type and as an attachment, for a day.
            materials.Add(new { code = material.Code, downloadUrl = (await uploads.CreateDownloadUrlAsync(material, linksExpireAt, cancellationToken)).ToString() });
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = notice.Type,
            taskId = task.Id,
            applicationId = task.ApplicationId,
            number = task.Number,
            itemCode = task.ItemCode,
            department = task.Department,
            kind = task.Kind,
            dueAt = task.DueAt,
            materials,
        }, Json);
        // The signature's timestamp is a transport freshness check, judged by the receiver against real time (as our inbound
        // webhooks are): never business time, which the development clock moves.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        var deliveryId = $"{task.Id}:{notice.Type}";
        bool delivered;
        try
        {
            delivered = await client.SendAsync(new Uri(url), body, deliveryId, timestamp, DepartmentWebhookSignature.Sign(secret, timestamp, body), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.CircuitBreaker.BrokenCircuitException or Polly.Timeout.TimeoutRejectedException)
        {
            logger.LogWarning("Notice {DeliveryId} to {Department} failed ({Failure}).", deliveryId, department.Code, e.GetType().Name);
            delivered = false;
        }

        var now = time.GetUtcNow();
        if (delivered)
        {
            await tasks.UpdateAsync(task.Id, t => t.History.Any(h => h.Type == "pushed" && h.Detail == notice.Type) ? null : t with
            {
                History = [.. t.History, new TaskEvent(now, "pushed", "orchestration", notice.Type)],
            }, cancellationToken);
            return;
        }

        if (notice.Attempt < options.MaxAttempts)
        {
            var delay = options.DelayBefore(notice.Attempt + 1);
            await queue.SendAsync(ReviewQueues.DepartmentNotices, notice with { Attempt = notice.Attempt + 1 }, delay, cancellationToken);
            logger.LogInformation("Notice {DeliveryId}: try {Attempt} of {Max} failed; next in {Delay}.", deliveryId, notice.Attempt, options.MaxAttempts, delay);
            return;
        }

        await alerts.RaiseAsync(new Alert(Alert.IdOf(task.Id, Alert.DeliveryFailed), task.ApplicationId, task.Number, task.Id, task.Department, Alert.DeliveryFailed, task.DueAt, now), cancellationToken);
        await tasks.UpdateAsync(task.Id, t => t.PushFailed ? null : t with
        {
            PushFailed = true,
            History = [.. t.History, new TaskEvent(now, "push-failed", "orchestration", notice.Type)],
        }, cancellationToken);
        logger.LogWarning("Notice {DeliveryId} to {Department} given up after {Attempts} tries; alert raised, the task stays in the worklist.", deliveryId, department.Code, notice.Attempt);
    }
}
