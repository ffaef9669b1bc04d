using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using OneWindow.Hosting.Durable;

namespace OneWindow.Functions.Tests.Review;

/// <summary>A durable client that records raised events and can be told to fail the next raise (a host dying in between).</summary>
internal sealed class RecordingDurableClient : DurableTaskClient
{
    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    public bool FailNextRaise { get; set; }

    /// <summary>The orchestration has completed: raises are refused as the engine's client refuses them.</summary>
    public bool Ended { get; set; }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        if (Ended) throw new InstanceNotRunningException(instanceId, "Completed");
        if (FailNextRaise)
        {
            FailNextRaise = false;
            throw new HttpRequestException("control queue unreachable");
        }

        Raised.Add((instanceId, eventName, eventPayload));
        return Task.CompletedTask;
    }

    public RecordingDurableClient()
        : base("recording")
    {
    }

    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
