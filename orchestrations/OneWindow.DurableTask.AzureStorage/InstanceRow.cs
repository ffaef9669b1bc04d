using Azure;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>The instance row (Instances table, PK = instance id, RK = "").</summary>
internal sealed record InstanceRow
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public string Version { get; init; } = string.Empty;

    public required string ExecutionId { get; init; }

    public OrchestrationRuntimeStatus Status { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? ParentInstanceId { get; init; }

    public ETag ETag { get; init; }
}
