namespace OneWindow.Hosting.Durable;

/// <summary>Durable Functions' <c>versionFailureStrategy</c>: what happens to an instance this host may not run.</summary>
public enum VersionFailure
{
    /// <summary>Leave the work item for another host (it becomes visible again later).</summary>
    Reject,

    /// <summary>Fail the instance.</summary>
    Fail,
}
