namespace OneWindow.Domain.Applications;

/// <summary>The 202 answer of a submission, kept so a repeated request gets the same answer.</summary>
public sealed record SubmissionAnswer(string Id, string Number, string Status, string StatusUrl);
