namespace OneWindow.DurableTask;

/// <summary>An orchestrator: deterministic code replayed from history.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs (or replays) the orchestration.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
