using OneWindow.Domain.Review;

namespace OneWindow.Functions.Tests.Review;

/// <summary>Task documents in memory with ETags that change on every write, like Cosmos.</summary>
internal sealed class InMemoryReviewTaskStore : IReviewTaskStore
{
    private readonly Dictionary<string, (ReviewTask Task, string ETag)> documents = [];
    private int version;

    public Task<(ReviewTask? Task, string? ETag)> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
        Task.FromResult(documents.TryGetValue(taskId, out var d) ? ((ReviewTask?)d.Task, (string?)d.ETag) : (null, null));

    public Task<bool> TryCreateAsync(ReviewTask task, CancellationToken cancellationToken = default)
    {
        if (documents.ContainsKey(task.Id)) return Task.FromResult(false);
        documents[task.Id] = (task, NextETag());
        return Task.FromResult(true);
    }

    /// <summary>Runs once before the next conditional replace: another writer getting in between a read and its write.</summary>
    public Action? BeforeNextReplace { get; set; }

    public Task<bool> TryReplaceAsync(ReviewTask task, string etag, CancellationToken cancellationToken = default)
    {
        var before = BeforeNextReplace;
        BeforeNextReplace = null;
        before?.Invoke();
        if (!documents.TryGetValue(task.Id, out var d) || d.ETag != etag) return Task.FromResult(false);
        documents[task.Id] = (task, NextETag());
        return Task.FromResult(true);
    }

    public Task<ReviewTask?> UpdateAsync(string taskId, Func<ReviewTask, ReviewTask?> change, CancellationToken cancellationToken = default)
    {
        if (!documents.TryGetValue(taskId, out var d)) return Task.FromResult<ReviewTask?>(null);
        var next = change(d.Task);
        if (next is null) return Task.FromResult<ReviewTask?>(d.Task);
        documents[taskId] = (next, NextETag());
        return Task.FromResult<ReviewTask?>(next);
    }

    private string NextETag() => "\"" + (++version).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
}
