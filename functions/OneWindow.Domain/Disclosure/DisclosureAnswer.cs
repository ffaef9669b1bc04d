using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Disclosure;

/// <summary>
/// How a disclosure request was answered (Art. 36): one of <see cref="DisclosureAnswerTypes"/>, with the explanation, the
/// legal ground when something is withheld, the body to turn to when the information is not this government's, and the
/// file when something is disclosed (the case's own evidence copy, checked at use).
/// </summary>
public sealed record DisclosureAnswer(string Type, string Explanation, string Department, string AnsweredBy, DateTimeOffset AnsweredAt)
{
    public string? LegalGround { get; init; }
    public string? ReferTo { get; init; }
    public SubmittedMaterial? File { get; init; }
}
