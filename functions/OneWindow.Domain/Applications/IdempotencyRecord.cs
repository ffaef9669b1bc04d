namespace OneWindow.Domain.Applications;

/// <summary>Written last by a submission: once it exists every other write of that submission is durable.</summary>
public sealed record IdempotencyRecord(string ApplicationId, string Fingerprint, SubmissionAnswer Answer);
