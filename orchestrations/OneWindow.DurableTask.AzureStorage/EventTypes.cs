namespace OneWindow.DurableTask.AzureStorage;

/// <summary>History event and message kinds (the names supervisors see).</summary>
internal static class EventTypes
{
    public const string OrchestratorStarted = "OrchestratorStarted";
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionCompleted = "ExecutionCompleted";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionTerminated = "ExecutionTerminated";
    public const string ExecutionSuspended = "ExecutionSuspended";
    public const string ExecutionResumed = "ExecutionResumed";
    public const string ContinueAsNew = "ContinueAsNew";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskCompleted = "TaskCompleted";
    public const string TaskFailed = "TaskFailed";
    public const string TimerCreated = "TimerCreated";
    public const string TimerFired = "TimerFired";
    public const string EventRaised = "EventRaised";
    public const string EventSent = "EventSent";
    public const string SubOrchestrationInstanceCreated = "SubOrchestrationInstanceCreated";
    public const string SubOrchestrationInstanceCompleted = "SubOrchestrationInstanceCompleted";
    public const string SubOrchestrationInstanceFailed = "SubOrchestrationInstanceFailed";

    /// <summary>A control message only (never history): re-dispatch activities scheduled in this host that no host completed.</summary>
    public const string ActivityRecovery = "ActivityRecovery";
}
