namespace OneWindow.DurableTask.AzureStorage;

/// <summary>Counters of one worker since it started (for tests, benchmarks and health output; no payloads).</summary>
/// <param name="WorkItems">Orchestration work items committed (history appended).</param>
/// <param name="InFlight">Work items and activities running now.</param>
/// <param name="Redelivered">Messages received again although this worker never gave them back: another (dead or paused) host had them.</param>
/// <param name="ActivitiesRun">Activities run by this worker (in this host or from the work-item queue).</param>
/// <param name="ActivitiesRecovered">Scheduled activities that no host had completed, dispatched again by recovery.</param>
public sealed record WorkerMetrics(long WorkItems, long InFlight, long Redelivered, long ActivitiesRun, long ActivitiesRecovered);
