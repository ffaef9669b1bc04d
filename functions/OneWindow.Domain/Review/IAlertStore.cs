namespace OneWindow.Domain.Review;

/// <summary>
/// Open alerts as one document (no query on the request path), plus a per-department record of legal overdues for
/// the statistics. Writes are ETag-guarded and idempotent.
/// </summary>
public interface IAlertStore
{
    Task<IReadOnlyList<Alert>> GetOpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the alert unless one with its id is open; true when added.</summary>
    Task<bool> RaiseAsync(Alert alert, CancellationToken cancellationToken = default);

    /// <summary>Closes one open alert by its id (no-op when it is not open).</summary>
    Task CloseAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Closes every open alert of the task.</summary>
    Task CloseForTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Records a legal overdue of a task for its department's statistics (idempotent per task).</summary>
    Task RecordLegalOverdueAsync(string department, string taskId, CancellationToken cancellationToken = default);

    /// <summary>The tasks of a department that passed their legal deadline.</summary>
    Task<IReadOnlyList<string>> GetLegalOverduesAsync(string department, CancellationToken cancellationToken = default);
}
