using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>Worklists in the <c>worklists</c> container: <c>worklist-&lt;department&gt;</c>, ETag-guarded replace.</summary>
public sealed class CosmosWorklistStore(Container container) : IWorklistStore
{
    private readonly IdDocuments documents = new(container);

    public async Task<IReadOnlyList<WorklistEntry>> GetAsync(string department, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<WorklistEntry>>(Id(department), cancellationToken)).Value ?? [];

    public Task PutAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default) =>
        documents.UpsertListEntryAsync(Id(department), entry, e => e.TaskId == entry.TaskId, cancellationToken);

    public Task RemoveAsync(string department, string taskId, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<List<WorklistEntry>>(Id(department), current =>
            current is null || !current.Exists(e => e.TaskId == taskId) ? null : current.Where(e => e.TaskId != taskId).ToList(), cancellationToken);

    private static string Id(string department) => "worklist-" + department;
}
