namespace OneWindow.DurableTask;

/// <summary>The state of an orchestration instance as a client sees it.</summary>
public sealed class OrchestrationMetadata
{
    private readonly DataConverter _converter;

    /// <summary>Creates metadata.</summary>
    public OrchestrationMetadata(string name, string instanceId, DataConverter? converter = null)
    {
        Name = name;
        InstanceId = instanceId;
        _converter = converter ?? JsonDataConverter.Default;
    }

    /// <summary>The orchestrator name.</summary>
    public string Name { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The orchestrator version the instance runs.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Input as JSON (only when requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Output as JSON (only when requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>The failure, when the status is Failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Running, pending or suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Completed, failed, terminated or canceled.</summary>
    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled;

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => _converter.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => _converter.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => _converter.Deserialize<T>(SerializedCustomStatus);
}
