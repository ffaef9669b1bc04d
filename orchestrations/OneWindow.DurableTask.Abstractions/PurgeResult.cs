namespace OneWindow.DurableTask;

/// <summary>The outcome of a purge.</summary>
/// <param name="PurgedInstanceCount">How many instances were removed.</param>
public sealed record PurgeResult(int PurgedInstanceCount);
