using System.Globalization;
using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>
/// Worklists in the <c>worklists</c> container: <c>worklist-&lt;department&gt;</c> (open tasks), ETag-guarded replace; and per
/// closed status <c>closed-&lt;department&gt;-&lt;status&gt;</c>, the newest entries (at most <c>pageSize</c>) and the count of
/// sealed pages, with the sealed pages <c>closed-&lt;department&gt;-&lt;status&gt;-&lt;n&gt;</c> of exactly <c>pageSize</c>
/// entries each. Entry number s (1-based, append order) is in page ceil(s / pageSize) once that page is sealed, else in the
/// head: every page of a listing is a few point reads.
/// </summary>
public sealed class CosmosWorklistStore(Container container, int pageSize = CosmosWorklistStore.DefaultPageSize) : IWorklistStore
{
    /// <summary>Entries per sealed page of a closed list (about 25 KB).</summary>
    public const int DefaultPageSize = 100;

    private readonly IdDocuments documents = new(container);

    public async Task<IReadOnlyList<WorklistEntry>> GetAsync(string department, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<List<WorklistEntry>>(Id(department), cancellationToken)).Value ?? [];

    public Task PutAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default) =>
        documents.UpsertListEntryAsync(Id(department), entry, e => e.TaskId == entry.TaskId, cancellationToken);

    public Task RemoveAsync(string department, string taskId, CancellationToken cancellationToken = default) =>
        documents.RemoveListEntriesAsync<WorklistEntry>(Id(department), e => e.TaskId == taskId, cancellationToken);

    public async Task CloseAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!(await GetAsync(department, cancellationToken)).Any(e => e.TaskId == entry.TaskId)) return;

        // Appended first, removed from the open list after: a crash in between repeats the append, which finds the entry.
        await AppendAsync(ClosedId(department, entry.Status), entry, cancellationToken);
        await RemoveAsync(department, entry.TaskId, cancellationToken);
    }

    public async Task<(IReadOnlyList<WorklistEntry> Entries, long? Next)> GetClosedAsync(string department, string status, long? before, int count, CancellationToken cancellationToken = default)
    {
        var head = (await documents.ReadAsync<ClosedHead>(ClosedId(department, status), cancellationToken)).Value ?? new ClosedHead(0, []);
        var sealedCount = (long)head.SealedPages * pageSize;
        var total = sealedCount + head.Entries.Count;
        var seq = Math.Min(before is { } b ? b - 1 : total, total);
        var result = new List<WorklistEntry>();
        (long Page, List<WorklistEntry> Entries)? page = null;
        for (; seq >= 1 && result.Count < count; seq--)
        {
            if (seq > sealedCount)
            {
                result.Add(head.Entries[(int)(seq - sealedCount - 1)]);
                continue;
            }

            var number = (seq - 1) / pageSize + 1;
            if (page?.Page != number)
                page = (number, (await documents.ReadAsync<List<WorklistEntry>>(PageId(ClosedId(department, status), number), cancellationToken)).Value ?? []);
            var index = (int)((seq - 1) % pageSize);
            if (index < page.Value.Entries.Count) result.Add(page.Value.Entries[index]);
        }

        return (result, seq >= 1 ? seq + 1 : null);
    }

    private async Task AppendAsync(string id, WorklistEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var (head, etag) = await documents.ReadAsync<ClosedHead>(id, cancellationToken);
            head ??= new ClosedHead(0, []);
            if (head.Entries.Exists(e => e.TaskId == entry.TaskId) || await InLastSealedPageAsync(id, head, entry.TaskId, cancellationToken)) return;
            ClosedHead next;
            if (head.Entries.Count >= pageSize)
            {
                // Seal the full head as the next page (create-if-absent: a repeat after a crash finds it written), then start anew.
                await documents.TryCreateAsync(PageId(id, head.SealedPages + 1), head.Entries, cancellationToken);
                next = new ClosedHead(head.SealedPages + 1, [entry]);
            }
            else
            {
                next = head with { Entries = [.. head.Entries, entry] };
            }

            if (etag is null ? await documents.TryCreateAsync(id, next, cancellationToken) : await documents.TryReplaceAsync(id, next, etag, cancellationToken)) return;
        }

        throw new InvalidOperationException($"Too much contention appending to {id}.");
    }

    /// <summary>Just after a page was sealed, a repeated close finds its entry there rather than in the head.</summary>
    private async Task<bool> InLastSealedPageAsync(string id, ClosedHead head, string taskId, CancellationToken cancellationToken) =>
        head.SealedPages > 0 && head.Entries.Count < 2
        && ((await documents.ReadAsync<List<WorklistEntry>>(PageId(id, head.SealedPages), cancellationToken)).Value?.Exists(e => e.TaskId == taskId) ?? false);

    private static string Id(string department) => "worklist-" + department;

    private static string ClosedId(string department, string status) => $"closed-{department}-{status}";

    private static string PageId(string closedId, long number) => closedId + "-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The newest entries of a closed list (append order) and how many full pages were sealed before them.</summary>
    private sealed record ClosedHead(int SealedPages, List<WorklistEntry> Entries);
}
