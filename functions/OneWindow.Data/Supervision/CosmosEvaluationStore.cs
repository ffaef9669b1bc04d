using Microsoft.Azure.Cosmos;
using OneWindow.Data.Applications;
using OneWindow.Domain.Supervision;

namespace OneWindow.Data.Supervision;

/// <summary>
/// Evaluations in the <c>evaluations</c> container (partitioned by <c>/id</c>): <c>eval-&lt;applicationId&gt;</c>, and
/// <c>evaluations-score-&lt;n&gt;</c>, the evaluations of each score as one list document (supervisors read the scores
/// up to <c>maxScore</c>: at most five point reads).
/// </summary>
public sealed class CosmosEvaluationStore(Container container) : IEvaluationStore
{
    /// <summary>The container name.</summary>
    public const string ContainerName = "evaluations";

    private readonly IdDocuments documents = new(container);

    private static string ListOf(int score) => $"evaluations-score-{score}";

    public async Task<bool> TryCreateAsync(Evaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var created = await documents.TryCreateAsync(evaluation.Id, evaluation, cancellationToken);

        // Listed also when the document existed already: a crash between the two writes is finished by the repeat.
        var stored = created ? evaluation : (await documents.ReadAsync<Evaluation>(evaluation.Id, cancellationToken)).Value!;
        await documents.UpdateAsync<List<Evaluation>>(ListOf(stored.Score), current =>
            current is not null && current.Exists(e => e.Id == stored.Id) ? null : [.. current ?? [], stored], cancellationToken);
        return created;
    }

    public async Task<Evaluation?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        (await documents.ReadAsync<Evaluation>(id, cancellationToken)).Value;

    public async Task<IReadOnlyList<Evaluation>> ListAsync(int maxScore, CancellationToken cancellationToken = default)
    {
        var lists = await Task.WhenAll(Enumerable.Range(1, Math.Clamp(maxScore, 0, 5)).Select(s => documents.ReadAsync<List<Evaluation>>(ListOf(s), cancellationToken)));
        return lists.SelectMany(l => l.Value ?? []).ToArray();
    }

    public async Task<(Evaluation? Evaluation, bool Closed)> CloseFollowUpAsync(string id, EvaluationFollowUp closed, CancellationToken cancellationToken = default)
    {
        var closedNow = false;
        var saved = await documents.UpdateAsync<Evaluation>(id, current =>
        {
            closedNow = current?.FollowUp?.Status == EvaluationFollowUp.Open;
            return closedNow ? current! with { FollowUp = closed } : null;
        }, cancellationToken);
        if (saved is null) return (null, false);

        // The list mirrors the document (also when an earlier close crashed before it).
        await documents.UpdateAsync<List<Evaluation>>(ListOf(saved.Score), current =>
        {
            if (current is null) return null;
            var index = current.FindIndex(e => e.Id == saved.Id);
            if (index < 0 || current[index].FollowUp == saved.FollowUp) return null;
            var next = current.ToList();
            next[index] = saved;
            return next;
        }, cancellationToken);
        return (saved, closedNow);
    }
}
