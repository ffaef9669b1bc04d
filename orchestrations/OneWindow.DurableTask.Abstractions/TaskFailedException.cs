namespace OneWindow.DurableTask;

/// <summary>Thrown in an orchestrator when an activity or sub-orchestration it called failed.</summary>
public class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(TaskName taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The name of the failed task.</summary>
    public TaskName TaskName { get; }

    /// <summary>The event id of the failed task in the orchestration's history.</summary>
    public int TaskId { get; }

    /// <summary>Type, message and stack of the failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
