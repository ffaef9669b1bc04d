using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>
/// The outbox index in the <c>tasks</c> container: one document <c>outbox-index</c> (no task id starts with it), ETag-guarded
/// read-modify-write. Its rows live seconds (from a decision's write until its event is raised), so it stays small.
/// </summary>
public sealed class CosmosDecisionOutboxIndex(Container container) : IDecisionOutboxIndex
{
    private const string Id = "outbox-index";
    private readonly IdDocuments documents = new(container);

    public async Task<IReadOnlyList<OutboxEntry>> GetAsync(CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<OutboxEntry>>(Id, cancellationToken)).Value ?? [];

    public Task AddAsync(OutboxEntry entry, CancellationToken cancellationToken = default) =>
        documents.UpsertListEntryAsync(Id, entry, e => e.EventId == entry.EventId, cancellationToken);

    public Task RemoveAsync(string eventId, CancellationToken cancellationToken = default) =>
        documents.RemoveListEntriesAsync<OutboxEntry>(Id, e => e.EventId == eventId, cancellationToken);
}
