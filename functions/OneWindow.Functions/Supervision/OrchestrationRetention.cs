using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using OneWindow.Domain.Supervision;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// Purges finished orchestration instances older than the retention period from the task hub. A case instance is
/// archived first (its merged history with every sub-orchestration, <see cref="CaseHistoryReader"/>), then purged with its
/// sub-orchestrations; a sub-orchestration is left to its parent, or purged alone when its parent is already gone.
/// Safe to run again after a crash: the archive is rewritten, the purge goes on.
/// </summary>
public sealed class OrchestrationRetention(ICaseHistoryArchiveStore archives, TimeProvider time, ILogger<OrchestrationRetention> logger)
{
    /// <summary>Archives and purges every finished instance created before <paramref name="createdBefore"/>.</summary>
    public async Task<(int Archived, int Purged)> RunAsync(DurableTaskClient durable, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(durable);
        var query = new OrchestrationQuery
        {
            CreatedTo = createdBefore,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 100,
        };
        var finished = new List<OrchestrationMetadata>();
        await foreach (var instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            finished.Add(instance);
        }

        int archived = 0, purged = 0;
        foreach (var instance in finished)
        {
            IList<HistoryEvent> history;
            try
            {
                history = await durable.GetOrchestrationHistoryAsync(instance.InstanceId, cancellationToken);
            }
            catch (ArgumentException)
            {
                continue; // purged meanwhile with its parent
            }

            var parent = history.OfType<ExecutionStartedEvent>().FirstOrDefault()?.ParentInstance?.OrchestrationInstance?.InstanceId;
            if (parent is not null)
            {
                if (await durable.GetInstanceAsync(parent, cancellationToken) is not null) continue; // its parent archives and purges it
                purged += (await durable.PurgeInstanceAsync(instance.InstanceId, new PurgeInstanceOptions { Recursive = true }, cancellationToken)).PurgedInstanceCount;
                continue;
            }

            var (events, instances) = await CaseHistoryReader.ReadAsync(durable, instance.InstanceId, cancellationToken, history);
            await archives.PutAsync(new CaseHistoryArchive(instance.InstanceId, instance.Name, instance.RuntimeStatus.ToString(), instance.CreatedAt,
                instance.LastUpdatedAt, time.GetUtcNow(), instances, events), cancellationToken);
            archived++;
            purged += (await durable.PurgeInstanceAsync(instance.InstanceId, new PurgeInstanceOptions { Recursive = true }, cancellationToken)).PurgedInstanceCount;
        }

        logger.LogInformation("Retention: {Archived} case histories archived, {Purged} instances purged (created before {Before:O}).", archived, purged, createdBefore);
        return (archived, purged);
    }
}
