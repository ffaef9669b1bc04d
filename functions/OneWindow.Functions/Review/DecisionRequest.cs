using OneWindow.Domain.Applications;
using OneWindow.Domain.Licences;

namespace OneWindow.Functions.Review;

/// <summary>A validated decision, from the worklist route or a department system's webhook.</summary>
public sealed record DecisionRequest(string Decision, string? Opinion, IReadOnlyList<CorrectionItem> Items, int? SupplyWorkingDays)
{
    /// <summary>Licence fields a department system sent with an approval (webhook <c>licence</c>), kept on the task for issuance.</summary>
    public LicenceFields? Licence { get; init; }
}
