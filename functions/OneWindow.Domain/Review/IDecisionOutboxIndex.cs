namespace OneWindow.Domain.Review;

/// <summary>
/// Where the replay timer looks for decisions that may not have reached their orchestration: one small document of
/// <see cref="OutboxEntry"/> rows (entries live from a decision's write until its event is raised, seconds).
/// </summary>
public interface IDecisionOutboxIndex
{
    Task<IReadOnlyList<OutboxEntry>> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds the entry (idempotent).</summary>
    Task AddAsync(OutboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry of <paramref name="eventId"/> if present (idempotent).</summary>
    Task RemoveAsync(string eventId, CancellationToken cancellationToken = default);
}
