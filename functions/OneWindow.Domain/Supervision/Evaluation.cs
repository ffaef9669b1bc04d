namespace OneWindow.Domain.Supervision;

/// <summary>
/// An applicant's evaluation of a decided case (好差评, one per case, id <c>eval-&lt;applicationId&gt;</c>), tied to the
/// window and every department of the case. A score of 1 or 2 opens a follow-up a supervisor closes with a note.
/// </summary>
public sealed record Evaluation
{
    /// <summary>The one-stop window, always among an evaluation's departments.</summary>
    public const string Window = "window";

    /// <summary>The highest score that opens a follow-up.</summary>
    public const int FollowUpAtMost = 2;

    public required string Id { get; init; }
    public required string ApplicationId { get; init; }
    public required string Number { get; init; }
    public required int Score { get; init; }
    public string? Comment { get; init; }

    /// <summary><see cref="Window"/> and every department with a task in the case.</summary>
    public required IReadOnlyList<string> Departments { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public EvaluationFollowUp? FollowUp { get; init; }

    /// <summary>The evaluation id of a case.</summary>
    public static string IdOf(string applicationId) => "eval-" + applicationId;
}
