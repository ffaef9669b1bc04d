using OneWindow.Domain.Applications;
using OneWindow.Domain.Licences;

namespace OneWindow.Functions.Review;

/// <summary>A validated decision, from the worklist route or a department system's webhook.</summary>
public sealed record DecisionRequest(string Decision, string? Opinion, IReadOnlyList<CorrectionItem> Items, int? SupplyWorkingDays)
{
    /// <summary>Licence fields a department system sent with an approval (webhook <c>licence</c>), kept on the task for issuance.</summary>
    public LicenceFields? Licence { get; init; }

    /// <summary>hand-over: the department that holds the information or answers the letter.</summary>
    public string? Department { get; init; }

    /// <summary>partly-disclosed, not-disclosed: the article the withheld information falls under.</summary>
    public string? LegalGround { get; init; }

    /// <summary>refer: the body that holds the information.</summary>
    public string? ReferTo { get; init; }

    /// <summary>disclosed, partly-disclosed: the upload (the decider's own) holding what is disclosed.</summary>
    public string? FileUploadId { get; init; }
}
