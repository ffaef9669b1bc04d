namespace OneWindow.DurableTask.AzureStorage;

/// <summary>What one replay produced: new actions and, when the code returned, how the execution ended.</summary>
internal sealed class OrchestrationExecutionResult
{
    public required TaskName Name { get; init; }

    public List<OrchestrationAction> NewActions { get; } = [];

    /// <summary>Completed, Failed or ContinuedAsNew; null while running.</summary>
    public OrchestrationRuntimeStatus? FinalStatus { get; set; }

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public bool CustomStatusSet { get; set; }

    public string? CustomStatus { get; set; }

    public string? ContinueAsNewInput { get; set; }

    public List<(string Name, string? Payload)> CarryOverEvents { get; } = [];
}
