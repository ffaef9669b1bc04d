namespace OneWindow.Domain.Supervision;

/// <summary>Evaluations, one document per case, and per-score lists for the supervisors' view (no queries, BRIEF D4).</summary>
public interface IEvaluationStore
{
    /// <summary>Creates the evaluation and lists it under its score; false when the case was evaluated already.</summary>
    Task<bool> TryCreateAsync(Evaluation evaluation, CancellationToken cancellationToken = default);

    Task<Evaluation?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every evaluation with a score of at most <paramref name="maxScore"/>.</summary>
    Task<IReadOnlyList<Evaluation>> ListAsync(int maxScore, CancellationToken cancellationToken = default);

    /// <summary>Closes an open follow-up; returns the evaluation as stored afterwards (null when unknown) and whether this call closed it.</summary>
    Task<(Evaluation? Evaluation, bool Closed)> CloseFollowUpAsync(string id, EvaluationFollowUp closed, CancellationToken cancellationToken = default);
}
