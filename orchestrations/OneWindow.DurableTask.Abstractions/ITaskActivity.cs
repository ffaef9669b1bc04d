namespace OneWindow.DurableTask;

/// <summary>An activity: the place for I/O, run at least once.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
