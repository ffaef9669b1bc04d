namespace OneWindow.Bench;

/// <summary>
/// In-process signals shared by the orchestrations and activities of both engines (same code path for (a) and (b)):
/// how many fan-out activities have run, the gate that holds the fan-in, and how many instances have started.
/// Orchestrations call these only outside replay, so each instance counts once.
/// </summary>
internal static class Probe
{
    private static int fanTarget;
    private static int fanRan;
    private static TaskCompletionSource fanAllRan = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private static ManualResetEventSlim fanRelease = new(false);
    private static int startTarget;
    private static int started;
    private static TaskCompletionSource allStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when every activity of the current fan-out has run.</summary>
    public static Task FanAllRan => fanAllRan.Task;

    /// <summary>Completes when the expected number of instances has run its first (non-replayed) execution.</summary>
    public static Task AllStarted => allStarted.Task;

    /// <summary>The number of instances started since the last reset.</summary>
    public static int Started => Volatile.Read(ref started);

    public static void ResetFan(int count)
    {
        fanTarget = count;
        fanRan = 0;
        fanAllRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fanRelease = new ManualResetEventSlim(false);
    }

    /// <summary>Opens the gate: the orchestration processes its (by now all queued) results.</summary>
    public static void ReleaseFanIn() => fanRelease.Set();

    /// <summary>Called by the fan-out activity (empty otherwise).</summary>
    public static void FanActivityRan()
    {
        if (Interlocked.Increment(ref fanRan) == fanTarget)
        {
            fanAllRan.TrySetResult();
        }
    }

    /// <summary>
    /// Called by the orchestration when it sees a result. The first result seen outside replay blocks the orchestration's
    /// work item (its thread) until every activity has run: the results wait in the control queue, and the fan-in is
    /// measured from the release to completion: results processed per second.
    /// </summary>
    public static void HoldFanIn(bool replaying)
    {
        if (!replaying && !fanRelease.Wait(TimeSpan.FromMinutes(5)))
        {
            throw new TimeoutException("fan-in gate never opened");
        }
    }

    public static void ResetStarts(int count)
    {
        startTarget = count;
        started = 0;
        allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Called by the start-rate and waiting orchestrations on their first execution.</summary>
    public static void InstanceStarted(bool replaying)
    {
        if (!replaying && Interlocked.Increment(ref started) == startTarget)
        {
            allStarted.TrySetResult();
        }
    }
}
