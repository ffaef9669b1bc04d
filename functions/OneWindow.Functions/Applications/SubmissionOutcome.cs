using OneWindow.Domain.Applications;

namespace OneWindow.Functions.Applications;

/// <summary>What a submission (an application, a disclosure request, a mailbox letter) came to: an answer (202), field errors (400) or a conflict (409).</summary>
public sealed record SubmissionOutcome(SubmissionAnswer? Answer, Dictionary<string, List<string>>? Errors, string? Conflict)
{
    /// <summary>The Idempotency-Key was already used with another body.</summary>
    public static SubmissionOutcome KeyReused { get; } = new(null, null, "This Idempotency-Key was already used with another body.");

    /// <summary>The stored answer of a repeated key: the same answer for the same body (fingerprint), else <see cref="KeyReused"/>.</summary>
    public static SubmissionOutcome Repeat(IdempotencyRecord done, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(done);
        return done.Fingerprint == fingerprint ? new(done.Answer, null, null) : KeyReused;
    }
}
