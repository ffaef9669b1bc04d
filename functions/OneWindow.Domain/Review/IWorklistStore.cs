namespace OneWindow.Domain.Review;

/// <summary>
/// One worklist document per department, kept up to date by the activities and routes that change tasks (no query
/// on the request path, BRIEF D4). It holds the department's open tasks; a closed task leaves it.
/// </summary>
public interface IWorklistStore
{
    Task<IReadOnlyList<WorklistEntry>> GetAsync(string department, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces the entry of <paramref name="entry"/>'s task (idempotent).</summary>
    Task PutAsync(string department, WorklistEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the task's entry if present (idempotent).</summary>
    Task RemoveAsync(string department, string taskId, CancellationToken cancellationToken = default);
}
