namespace OneWindow.Domain.Review;

/// <summary>Task documents: point reads by task id, ETag-conditional writes.</summary>
public interface IReviewTaskStore
{
    /// <summary>The task and its ETag, or (null, null).</summary>
    Task<(ReviewTask? Task, string? ETag)> GetAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Creates the task; false when it exists.</summary>
    Task<bool> TryCreateAsync(ReviewTask task, CancellationToken cancellationToken = default);

    /// <summary>Replaces the task if it still has <paramref name="etag"/>; false when someone else wrote it first.</summary>
    Task<bool> TryReplaceAsync(ReviewTask task, string etag, CancellationToken cancellationToken = default);

    /// <summary>Read-modify-write with ETag retries; <paramref name="change"/> returns null to write nothing.</summary>
    Task<ReviewTask?> UpdateAsync(string taskId, Func<ReviewTask, ReviewTask?> change, CancellationToken cancellationToken = default);
}
