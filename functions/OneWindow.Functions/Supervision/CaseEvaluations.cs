using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Supervision;
using OneWindow.Domain.Text;

namespace OneWindow.Functions.Supervision;

/// <summary>
/// Ratings of a case's service (好差评): the body <c>{score: 1..5, comment?}</c> read the same way everywhere, and the
/// evaluation recorded once with its statistics, whether it rates a decided application or a mailbox reply.
/// </summary>
public sealed class CaseEvaluations(IEvaluationStore evaluations, CaseStatistics statistics, TimeProvider time)
{
    /// <summary>Longest comment or follow-up note.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The score and comment, or null with errors keyed <c>score</c> and <c>comment</c>.</summary>
    public static (int Score, string? Comment)? Parse(JsonObject root, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(errors);
        var score = root["score"] is JsonValue sv && sv.TryGetValue<int>(out var s) && s is >= 1 and <= 5 ? s : 0;
        if (score == 0) errors["score"] = ["score is required: a whole number from 1 (very poor) to 5 (very good)."];
        string? comment = null;
        if (root["comment"] is { } c)
        {
            comment = c is JsonValue cv && cv.TryGetValue<string>(out var text) ? text : null;
            var error = comment is null ? "comment must be a string." : InputText.Check(comment, MaxTextLength, "comment");
            if (error is not null) errors["comment"] = [error];
        }

        return errors.Count > 0 ? null : (score, comment);
    }

    /// <summary>
    /// Records the evaluation <paramref name="id"/> of <paramref name="application"/> for the window and
    /// <paramref name="departments"/> (a score of 1 or 2 opens a follow-up). Returns it, and false when it existed already.
    /// </summary>
    public async Task<(Evaluation Evaluation, bool Created)> RecordAsync(string id, ApplicationRecord application, int score, string? comment, IEnumerable<string> departments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(application);
        var evaluation = new Evaluation
        {
            Id = id,
            ApplicationId = application.Id,
            Number = application.Number,
            Score = score,
            Comment = comment,
            Departments = [Evaluation.Window, .. departments.Distinct(StringComparer.Ordinal)],
            SubmittedAt = time.GetUtcNow(),
            FollowUp = score <= Evaluation.FollowUpAtMost ? new EvaluationFollowUp(EvaluationFollowUp.Open) : null,
        };
        if (!await evaluations.TryCreateAsync(evaluation, cancellationToken))
        {
            // Counted again only if a crash had left the first one uncounted (the counters remember recent keys).
            var stored = await evaluations.GetAsync(id, cancellationToken);
            if (stored is not null) await statistics.EvaluatedAsync(stored, cancellationToken);
            return (stored ?? evaluation, false);
        }

        await statistics.EvaluatedAsync(evaluation, cancellationToken);
        return (evaluation, true);
    }
}
