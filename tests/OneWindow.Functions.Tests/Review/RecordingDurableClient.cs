using OneWindow.DurableTask;

namespace OneWindow.Functions.Tests.Review;

/// <summary>A durable client that records raised events and can be told to fail the next raise (a host dying in between).</summary>
internal sealed class RecordingDurableClient : DurableTaskClient
{
    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    public bool FailNextRaise { get; set; }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        if (FailNextRaise)
        {
            FailNextRaise = false;
            throw new HttpRequestException("control queue unreachable");
        }

        Raised.Add((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<IReadOnlyList<OrchestrationHistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, bool includeSubOrchestrations = true, CancellationToken cancellation = default) => throw new NotSupportedException();
}
