namespace OneWindow.DurableTask;

/// <summary>A filter over orchestration instances, read page by page.</summary>
public sealed record OrchestrationQuery
{
    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances in one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Maximum instances per page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Whether inputs and outputs are returned.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>The token from the previous page.</summary>
    public string? ContinuationToken { get; init; }
}
