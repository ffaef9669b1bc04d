using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.Extensions.Logging.Abstractions;
using OneWindow.Hosting.Durable;

namespace OneWindow.Bench;

/// <summary>
/// (a) Bare DTFx: a <see cref="TaskHubWorker"/> over <see cref="AzureStorageOrchestrationService"/>, orchestrations
/// written as DTFx <see cref="TaskOrchestration{TResult,TInput}"/>, empty <see cref="TaskActivity{TInput,TResult}"/>
/// classes, and <see cref="TaskHubClient"/>. The provider settings are filled field by field from the same host.json
/// options the engine reads (no OneWindow code runs here besides reading the options).
/// </summary>
internal sealed class BareDtfx(string connectionString, DurableTaskHostOptions options) : IBenchEngine
{
    private static readonly Dictionary<string, Type> Orchestrations = new()
    {
        [Names.Sequential] = typeof(BareSequential),
        [Names.Fan] = typeof(BareFan),
        [Names.Listen] = typeof(BareListen),
        [Names.Hello] = typeof(BareHello),
        [Names.Wait] = typeof(BareWait),
    };

    private readonly AzureStorageOrchestrationServiceSettings settings = new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        TaskHubName = options.HubName,
        PartitionCount = options.StorageProvider.PartitionCount,
        ControlQueueBatchSize = options.StorageProvider.ControlQueueBatchSize,
        ControlQueueBufferThreshold = options.StorageProvider.ControlQueueBufferThreshold,
        ControlQueueVisibilityTimeout = options.StorageProvider.ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,
        MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
        UseTablePartitionManagement = options.StorageProvider.UseTablePartitionManagement,
        FetchLargeMessageDataEnabled = options.StorageProvider.FetchLargeMessagesAutomatically,
        MaxConcurrentTaskActivityWorkItems = options.EffectiveMaxConcurrentActivityFunctions,
        MaxConcurrentTaskOrchestrationWorkItems = options.EffectiveMaxConcurrentOrchestratorFunctions,
        ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),
        WorkerId = "bare-" + Guid.NewGuid().ToString("N")[..8],
    };

    private AzureStorageOrchestrationService? service;
    private TaskHubWorker? worker;
    private TaskHubClient? client;

    public string Label => "a bare DTFx";

    public string TaskHub => options.HubName;

    public async Task StartAsync()
    {
        service = new AzureStorageOrchestrationService(settings);
        await service.CreateIfNotExistsAsync().ConfigureAwait(false);
        worker = new TaskHubWorker(service, NullLoggerFactory.Instance);
        worker.AddTaskOrchestrations(Orchestrations.Values.ToArray());
        worker.AddTaskActivities(typeof(BareNext), typeof(BarePart));
        await worker.StartAsync().ConfigureAwait(false);
        client = new TaskHubClient(service);
        await Partitions.WaitOwnedAsync(connectionString, settings.TaskHubName, settings.WorkerId, settings.PartitionCount).ConfigureAwait(false);
    }

    public async Task<string> ScheduleAsync(string orchestration, int input, string? instanceId = null)
    {
        var instance = await client!.CreateOrchestrationInstanceAsync(Orchestrations[orchestration], instanceId ?? Guid.NewGuid().ToString("N"), input).ConfigureAwait(false);
        return instance.InstanceId;
    }

    public async Task<(string Status, string? Output)> GetAsync(string instanceId)
    {
        var state = await client!.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false);
        return state is null ? ("Missing", null) : (state.OrchestrationStatus.ToString(), state.Output);
    }

    /// <summary>When set, each raise first reads the instance's status, as Durable Functions' client (and (b)) do to refuse
    /// events for missing or finished instances; shows what that read costs on bare DTFx.</summary>
    public bool ReadStatusBeforeRaise { get; set; }

    public async Task RaiseAsync(string instanceId, string eventName, int value)
    {
        if (ReadStatusBeforeRaise)
        {
            var state = await client!.GetOrchestrationStateAsync(instanceId).ConfigureAwait(false);
            Scenarios.Check(state?.OrchestrationStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending, $"{instanceId} running before a raise");
        }

        await client!.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, value).ConfigureAwait(false);
    }

    public async Task StopAsync()
    {
        if (worker is not null)
        {
            await worker.StopAsync(isForced: true).ConfigureAwait(false);
            worker.Dispose();
            worker = null;
        }

        if (service is not null)
        {
            await service.DeleteAsync().ConfigureAwait(false);
            service = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}

/// <summary>Sequential: one activity after another, each adding one.</summary>
internal sealed class BareSequential : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var x = 0;
        for (var i = 0; i < input; i++)
        {
            x = await context.ScheduleTask<int>(typeof(BareNext), x);
        }

        return x;
    }
}

/// <summary>Fan-out of <c>input</c> activities, fan-in of their results (the sum).</summary>
internal sealed class BareFan : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, input).Select(i => PartAsync(context, i)));
        return parts.Sum();
    }

    private static async Task<int> PartAsync(OrchestrationContext context, int i)
    {
        var result = await context.ScheduleTask<int>(typeof(BarePart), i);
        Probe.HoldFanIn(context.IsReplaying);
        return result;
    }
}

/// <summary>Waits for <c>input</c> external events one after another; returns their sum. DTFx delivers events
/// through <see cref="OnEvent"/>; those that arrive before the orchestration waits are buffered in order.</summary>
internal sealed class BareListen : TaskOrchestration<int, int, int, string>
{
    private readonly Queue<int> buffered = new();
    private TaskCompletionSource<int>? waiter;

    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var sum = 0;
        for (var i = 0; i < input; i++)
        {
            sum += await NextAsync();
        }

        return sum;
    }

    public override void OnEvent(OrchestrationContext context, string name, int input)
    {
        if (name != Names.Event)
        {
            return;
        }

        if (waiter is { } w)
        {
            waiter = null;
            w.SetResult(input);
        }
        else
        {
            buffered.Enqueue(input);
        }
    }

    private Task<int> NextAsync()
    {
        if (buffered.TryDequeue(out var value))
        {
            return Task.FromResult(value);
        }

        waiter = new TaskCompletionSource<int>();
        return waiter.Task;
    }
}

/// <summary>Start rate: completes at once with its input.</summary>
internal sealed class BareHello : TaskOrchestration<int, int>
{
    public override Task<int> RunTask(OrchestrationContext context, int input)
    {
        Probe.InstanceStarted(context.IsReplaying);
        return Task.FromResult(input);
    }
}

/// <summary>A waiting instance: one long timer.</summary>
internal sealed class BareWait : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        Probe.InstanceStarted(context.IsReplaying);
        await context.CreateTimer(context.CurrentUtcDateTime.Add(Names.LongTimer), 0);
        return input;
    }
}

internal sealed class BareNext : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input) => input + 1;
}

internal sealed class BarePart : TaskActivity<int, int>
{
    protected override int Execute(TaskContext context, int input)
    {
        Probe.FanActivityRan();
        return input;
    }
}
