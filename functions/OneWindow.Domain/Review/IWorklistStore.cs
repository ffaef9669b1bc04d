namespace OneWindow.Domain.Review;

/// <summary>
/// One worklist document per department, kept up to date by the activities and routes that change tasks (no query
/// on the request path, BRIEF D4). It holds the department's open tasks; a closed task leaves it for the list of its
/// final status (approved, rejected, cancelled), kept in append order in fixed-size pages and read newest first by
/// sequence number (1 = the first task of the department ever closed with that status).
/// </summary>
public interface IWorklistStore
{
    Task<IReadOnlyList<WorklistEntry>> GetAsync(string department, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the entry of <paramref name="entry"/>'s task (idempotent).</summary>
    Task PutAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the task's entry if present (idempotent).</summary>
    Task RemoveAsync(string department, string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// A task closed with <paramref name="entry"/>'s (closed) status: appended to that status's list and then removed from the
    /// open list. Nothing happens when the open list no longer has the task (closed before), so repeats add no second row.
    /// </summary>
    Task CloseAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="count"/> entries of the <paramref name="status"/> list, newest first, with sequence numbers below
    /// <paramref name="before"/> (null: from the newest); and the sequence number to continue before, null at the oldest.
    /// </summary>
    Task<(IReadOnlyList<WorklistEntry> Entries, long? Next)> GetClosedAsync(string department, string status, long? before, int count, CancellationToken cancellationToken = default);
}
