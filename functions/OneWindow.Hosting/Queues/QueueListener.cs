using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OneWindow.Hosting.Discovery;

namespace OneWindow.Hosting.Queues;

/// <summary>
/// Listens to the queue of one <c>[QueueTrigger]</c> function: batched receive, a per-listener concurrency limit,
/// visibility renewal while running, idle back-off, and a <c>&lt;queue&gt;-poison</c> queue after maxDequeueCount tries.
/// </summary>
public sealed class QueueListener : BackgroundService
{
    /// <summary>The activity source of host invocations.</summary>
    public static readonly ActivitySource Source = new("OneWindow.Hosting");

    private readonly FunctionDescriptor function;
    private readonly QueueClient queue;
    private readonly QueueClient poison;
    private readonly FunctionInvoker invoker;
    private readonly QueueTriggerOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stopping = new();
    private int inFlight;

    /// <summary>Creates the listener for <paramref name="function"/> on <paramref name="queueName"/>.</summary>
    public QueueListener(
        FunctionDescriptor function,
        string queueName,
        QueueServiceClient queues,
        FunctionInvoker invoker,
        QueueTriggerOptions options,
        TimeProvider time,
        ILogger<QueueListener> logger)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        this.function = function;
        queue = queues.GetQueueClient(queueName);
        poison = queues.GetQueueClient(queueName + "-poison");
        this.invoker = invoker;
        this.options = options;
        this.time = time;
        this.logger = logger;
        slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentCalls));
    }

    /// <summary>The queue this listener reads.</summary>
    public string QueueName => queue.Name;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        var running = new List<Task>();
        var delay = TimeSpan.FromMilliseconds(50);
        var batchSize = Math.Clamp(options.BatchSize, 1, 32);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(t => t.IsCompleted);
                if (Volatile.Read(ref inFlight) > options.NewBatchThreshold)
                {
                    await Task.WhenAny(running).WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                QueueMessage[] batch;
                try
                {
                    batch = (await queue.ReceiveMessagesAsync(batchSize, options.LeaseDuration, stoppingToken).ConfigureAwait(false)).Value;
                }
                catch (Azure.RequestFailedException e)
                {
                    logger.LogWarning(e, "Receiving from queue {Queue} failed; retrying", queue.Name);
                    batch = [];
                }

                if (batch.Length == 0)
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = TimeSpan.FromMilliseconds(50);
                foreach (var message in batch)
                {
                    await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    Interlocked.Increment(ref inFlight);
                    running.Add(Task.Run(() => HandleAsync(message), CancellationToken.None));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Graceful stop: no new work; in-flight invocations finish below.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The host's shutdown timeout expired: tell running functions to stop; their messages are released.
            if (cancellationToken.IsCancellationRequested)
            {
                await stopping.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        stopping.Dispose();
        slots.Dispose();
        base.Dispose();
    }

    private async Task HandleAsync(QueueMessage message)
    {
        try
        {
            await HandleCoreAsync(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogError(e, "Queue {Queue}: handling message {MessageId} failed", queue.Name, message.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }
    }

    private async Task HandleCoreAsync(QueueMessage message)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, $"dequeued {message.DequeueCount} times").ConfigureAwait(false);
            return;
        }

        object? payload;
        try
        {
            payload = Parse(message);
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // Unparseable input will never succeed: no retries.
            await MoveToPoisonAsync(message, "unparseable: " + e.Message).ConfigureAwait(false);
            return;
        }

        // The trace the message carries is continued by the app's worker middleware, as in Azure; this span is the host's.
        using var activity = Source.StartActivity("queue " + function.Name, ActivityKind.Consumer);
        activity?.SetTag("faas.trigger", "pubsub");
        activity?.SetTag("messaging.destination.name", queue.Name);
        activity?.SetTag("messaging.message.id", message.MessageId);

        var popReceipt = message.PopReceipt;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var renewTask = RenewAsync(message.MessageId, () => popReceipt, r => popReceipt = r, renewal.Token);
        // The names and values the Functions host gives a queue trigger's binding data.
        var binding = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = message.MessageId,
            ["DequeueCount"] = message.DequeueCount,
            ["InsertionTime"] = message.InsertedOn,
            ["ExpirationTime"] = message.ExpiresOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
            ["PopReceipt"] = message.PopReceipt,
            ["QueueTrigger"] = message.Body.ToString(),
        };
        Exception? failure = null;
        try
        {
            await invoker.InvokeAsync(function, payload, binding, stopping.Token, (int)Math.Max(0, message.DequeueCount - 1), options.MaxDequeueCount).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewTask.ConfigureAwait(false);
        }

        if (failure is null)
        {
            await queue.DeleteMessageAsync(message.MessageId, popReceipt).ConfigureAwait(false);
            return;
        }

        activity?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
        if (message.DequeueCount >= options.MaxDequeueCount)
        {
            logger.LogError(failure, "Queue function {Function} failed on try {Try}; moving message {MessageId} to poison", function.Name, message.DequeueCount, message.MessageId);
            await MoveToPoisonAsync(message, $"failed {message.DequeueCount} times: {failure.GetType().Name}", popReceipt).ConfigureAwait(false);
            return;
        }

        logger.LogWarning(failure, "Queue function {Function} failed on try {Try}; message {MessageId} will reappear", function.Name, message.DequeueCount, message.MessageId);
        // Release the message so it reappears (and its DequeueCount increments) after host.json's visibilityTimeout.
        await queue.UpdateMessageAsync(message.MessageId, popReceipt, visibilityTimeout: options.VisibilityTimeout).ConfigureAwait(false);
    }

    private async Task RenewAsync(string messageId, Func<string> getReceipt, Action<string> setReceipt, CancellationToken cancellationToken)
    {
        var every = options.LeaseDuration / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken).ConfigureAwait(false);
                var updated = await queue.UpdateMessageAsync(messageId, getReceipt(), visibilityTimeout: options.LeaseDuration, cancellationToken: cancellationToken).ConfigureAwait(false);
                setReceipt(updated.Value.PopReceipt);
            }
        }
        catch (OperationCanceledException)
        {
            // The invocation ended.
        }
        catch (Azure.RequestFailedException e)
        {
            logger.LogWarning(e, "Queue {Queue}: renewing visibility of {MessageId} failed", queue.Name, messageId);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string reason, string? popReceipt = null)
    {
        logger.LogError("Queue {Queue}: message {MessageId} moved to {Poison} ({Reason})", queue.Name, message.MessageId, poison.Name, reason);
        await poison.SendMessageAsync(message.MessageText).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt ?? message.PopReceipt).ConfigureAwait(false);
    }

    /// <summary>The trigger value as Azure's queue binding gives it: the message itself, its text, its bytes, or its JSON as the parameter's type.</summary>
    private object? Parse(QueueMessage message)
    {
        var type = function.TriggerParameter.ParameterType;
        if (type == typeof(QueueMessage)) return message;
        var text = message.MessageText ?? string.Empty;
        if (type == typeof(string)) return text;
        if (type == typeof(BinaryData)) return BinaryData.FromString(text);
        return JsonSerializer.Deserialize(text, type, QueueJson.Options) ?? throw new JsonException("The message body is null.");
    }
}
