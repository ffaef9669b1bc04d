using System.Diagnostics;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Cronos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Discovery;
using OneWindow.Hosting.Queues;
using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Timers;

/// <summary>
/// Runs one <c>[TimerTrigger]</c> function on its cron schedule, once per occurrence across all host processes.
/// Each occurrence is claimed under a blob lease by advancing the status blob (<c>timers/&lt;function&gt;.status</c>)
/// with an ETag precondition, so a host that wakes late or loses the lease cannot run an occurrence twice.
/// </summary>
public sealed class TimerScheduler : BackgroundService
{
    private readonly FunctionDescriptor function;
    private readonly CronExpression cron;
    private readonly TimerTriggerAttribute trigger;
    private readonly BlobContainerClient container;
    private readonly FunctionInvoker invoker;
    private readonly TimerTriggerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    /// <summary>Creates the scheduler; <paramref name="schedule"/> is the resolved cron expression (seconds field optional).</summary>
    public TimerScheduler(
        FunctionDescriptor function,
        string schedule,
        BlobServiceClient blobs,
        FunctionInvoker invoker,
        TimerTriggerOptions options,
        TimeProvider time,
        ILogger<TimerScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        this.function = function;
        trigger = (TimerTriggerAttribute)function.TriggerAttribute;
        cron = ParseSchedule(schedule);
        container = blobs.GetBlobContainerClient(options.LockContainer);
        this.invoker = invoker;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Parses a cron expression with five or six fields (six: seconds first).</summary>
    public static CronExpression ParseSchedule(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(schedule, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        var lockBlob = container.GetBlobClient($"timers/{function.Name}.lock");
        var statusBlob = container.GetBlobClient($"timers/{function.Name}.status");
        try
        {
            await lockBlob.UploadAsync(BinaryData.FromString(string.Empty), overwrite: false, stoppingToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host created it first.
        }

        var lease = lockBlob.GetBlobLeaseClient();
        var runOnStartup = trigger.RunOnStartup;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await TryAcquireAsync(lease, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(LockPollInterval, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                await RunWhileLeasedAsync(lease, statusBlob, runOnStartup, stoppingToken).ConfigureAwait(false);
                runOnStartup = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning(e, "Timer {Function}: storage failed; retrying", function.Name);
                await Task.Delay(LockPollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }

        try
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Not ours (any more).
        }
    }

    // Blob leases last 15–60 s.
    private TimeSpan LeaseDuration => TimeSpan.FromTicks(Math.Clamp(options.LockPeriod.Ticks, TimeSpan.FromSeconds(15).Ticks, TimeSpan.FromSeconds(60).Ticks));

    private TimeSpan LockPollInterval => TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, options.LockPeriod.Ticks / 10));

    private async Task<bool> TryAcquireAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        try
        {
            await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private async Task RunWhileLeasedAsync(BlobLeaseClient lease, BlobClient statusBlob, bool runOnStartup, CancellationToken stoppingToken)
    {
        var lastRenew = time.GetUtcNow();
        var renewEvery = LeaseDuration / 3;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (status, etag) = await ReadStatusAsync(statusBlob, stoppingToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            DateTimeOffset occurrence;
            var pastDue = false;
            if (status is null)
            {
                occurrence = runOnStartup ? now : Next(now);
            }
            else if (status.Next <= now.UtcDateTime && trigger.UseMonitor)
            {
                occurrence = new DateTimeOffset(DateTime.SpecifyKind(status.Next, DateTimeKind.Utc));
                pastDue = now - occurrence > TimeSpan.FromSeconds(1);
                // Missed several occurrences while down: invoke once, then continue from now.
            }
            else
            {
                occurrence = status.Next > now.UtcDateTime ? new DateTimeOffset(DateTime.SpecifyKind(status.Next, DateTimeKind.Utc)) : Next(now);
                if (runOnStartup)
                {
                    occurrence = now;
                }
            }

            runOnStartup = false;
            while (occurrence > time.GetUtcNow())
            {
                var wait = occurrence - time.GetUtcNow();
                var untilRenew = renewEvery - (time.GetUtcNow() - lastRenew);
                if (untilRenew <= TimeSpan.Zero)
                {
                    await lease.RenewAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                    lastRenew = time.GetUtcNow();
                    continue;
                }

                await Task.Delay(wait < untilRenew ? wait : untilRenew, time, stoppingToken).ConfigureAwait(false);
            }

            // Renew before claiming so the lease cannot lapse between the claim and the invocation.
            await lease.RenewAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
            lastRenew = time.GetUtcNow();
            var claimed = new ScheduleStatus
            {
                Last = occurrence.UtcDateTime,
                Next = Next(pastDue ? time.GetUtcNow() : occurrence).UtcDateTime,
                LastUpdated = time.GetUtcNow().UtcDateTime,
            };
            if (!await TryClaimAsync(statusBlob, claimed, etag, lease.LeaseId, stoppingToken).ConfigureAwait(false))
            {
                continue;
            }

            using var activity = QueueListener.Source.StartActivity("timer " + function.Name, ActivityKind.Internal);
            activity?.SetTag("faas.trigger", "timer");
            // Last is the occurrence being run, Next the one after it.
            var info = new TimerInfo { IsPastDue = pastDue, ScheduleStatus = claimed };
            try
            {
                using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var renewTask = KeepRenewingAsync(lease, renewEvery, renewing.Token);
                try
                {
                    await invoker.InvokeAsync(function, info, new Dictionary<string, object?>(), stoppingToken).ConfigureAwait(false);
                }
                finally
                {
                    await renewing.CancelAsync().ConfigureAwait(false);
                    await renewTask.ConfigureAwait(false);
                }

                lastRenew = time.GetUtcNow();
            }
            catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
            {
                activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
                logger.LogError(e, "Timer function {Function} failed for occurrence {Occurrence:O}", function.Name, occurrence);
            }
        }
    }

    private async Task KeepRenewingAsync(BlobLeaseClient lease, TimeSpan every, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken).ConfigureAwait(false);
                await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The invocation ended.
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Timer {Function}: renewing the singleton lease failed", function.Name);
        }
    }

    private DateTimeOffset Next(DateTimeOffset after) =>
        cron.GetNextOccurrence(after, TimeZoneInfo.Utc) ?? DateTimeOffset.MaxValue;

    private static async Task<(ScheduleStatus? Status, ETag? ETag)> ReadStatusAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var status = content.Value.Content.ToObjectFromJson<ScheduleStatus>(QueueJson.Options);
            return (status, content.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return (null, null);
        }
    }

    private static async Task<bool> TryClaimAsync(BlobClient blob, ScheduleStatus status, ETag? etag, string leaseId, CancellationToken cancellationToken)
    {
        var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await blob.UploadAsync(
                BinaryData.FromString(JsonSerializer.Serialize(status, QueueJson.Options)),
                new BlobUploadOptions { Conditions = conditions },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host claimed this occurrence (its lease outlived ours): skip it.
            _ = leaseId;
            return false;
        }
    }
}
