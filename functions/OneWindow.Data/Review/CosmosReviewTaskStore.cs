using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Review;

namespace OneWindow.Data.Review;

/// <summary>Task documents in the <c>tasks</c> container, id = task id.</summary>
public sealed class CosmosReviewTaskStore(Container container) : IReviewTaskStore
{
    private readonly IdDocuments documents = new(container);

    public async Task<(ReviewTask? Task, string? ETag)> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
        taskId.Length is > 0 and <= 200 ? await documents.ReadAsync<ReviewTask>(taskId, cancellationToken) : (null, null);

    public Task<bool> TryCreateAsync(ReviewTask task, CancellationToken cancellationToken = default) =>
        documents.TryCreateAsync(task.Id, task, cancellationToken);

    public Task<bool> TryReplaceAsync(ReviewTask task, string etag, CancellationToken cancellationToken = default) =>
        documents.TryReplaceAsync(task.Id, task, etag, cancellationToken);

    public Task<ReviewTask?> UpdateAsync(string taskId, Func<ReviewTask, ReviewTask?> change, CancellationToken cancellationToken = default) =>
        documents.UpdateAsync<ReviewTask>(taskId, current => current is null ? null : change(current), cancellationToken);
}
