using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Review;

/// <summary>
/// The particulars of an intake or handling decision (the decision's text is the task's opinion): the department a request
/// or letter is handed to, the legal ground of a withheld disclosure, the body to ask instead, the disclosed file.
/// </summary>
public sealed record TaskAnswer
{
    public string? Department { get; init; }
    public string? LegalGround { get; init; }
    public string? ReferTo { get; init; }
    public SubmittedMaterial? File { get; init; }

    /// <summary>For a clarification: the working days the applicant has to answer it.</summary>
    public int? WorkingDays { get; init; }
}
