namespace OneWindow.DurableTask;

/// <summary>What an activity knows about its invocation.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Services of the host, so activities can use DI.</summary>
    public virtual IServiceProvider? Services => null;
}
