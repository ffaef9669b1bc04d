using Microsoft.Azure.Functions.Worker;

namespace OneWindow.Hosting.Discovery;

/// <summary>The kind of trigger that starts a function.</summary>
public enum FunctionTriggerKind
{
    /// <summary>An HTTP request (<see cref="HttpTriggerAttribute"/>).</summary>
    Http,

    /// <summary>A storage queue message (<see cref="QueueTriggerAttribute"/>).</summary>
    Queue,

    /// <summary>A cron schedule (<see cref="TimerTriggerAttribute"/>).</summary>
    Timer,

    /// <summary>A durable orchestration (<see cref="OrchestrationTriggerAttribute"/>).</summary>
    Orchestration,

    /// <summary>A durable activity (<see cref="ActivityTriggerAttribute"/>).</summary>
    Activity,
}
