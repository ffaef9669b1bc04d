namespace OneWindow.Domain.Applications;

/// <summary>
/// The stored application (container <c>applications</c>, id = partition key). Personal data lives only in
/// <see cref="SealedApplicant"/> (AES-GCM) and the masked display copy <see cref="Applicant"/>.
/// </summary>
public sealed record ApplicationRecord
{
    public required string Id { get; init; }
    public required string Number { get; init; }

    /// <summary>What the case is (<see cref="CaseKinds"/>): a licensing application, a disclosure request or a mailbox letter.</summary>
    public string Kind { get; init; } = CaseKinds.Licensing;
    public string? ItemCode { get; init; }
    public string? PackageCode { get; init; }
    public int CatalogVersion { get; init; }
    public required string ItemName { get; init; }
    public required string Status { get; init; }

    /// <summary>SHA-256 of the applicant's subject: who may read and act on the case, without the subject itself.</summary>
    public required string OwnerHash { get; init; }

    /// <summary>SHA-256 of the canonical submission body: another body under the same Idempotency-Key is a 409.</summary>
    public required string Fingerprint { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>True when the case was accepted by the 5-day rule (Art. 32) rather than by a clerk.</summary>
    public bool DeemedAccepted { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? LegalDueAt { get; init; }
    public bool Provisional { get; init; }

    /// <summary>True while a clerk's decision is awaited; the acceptance route claims it (ETag) so one decision wins.</summary>
    public bool AwaitingDecision { get; init; }

    /// <summary>
    /// The clerk's decision from its claim until its event has reached the orchestration: if the host dies in between,
    /// the clerk's retry raises this one again instead of meeting a 409 until the Art. 32 timer.
    /// </summary>
    public AcceptanceDecision? PendingAcceptance { get; init; }
    public required MaskedApplicant Applicant { get; init; }
    public required string SealedApplicant { get; init; }
    public IReadOnlyDictionary<string, string> Answers { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<SubmittedMaterial> Materials { get; init; } = [];
    public IReadOnlyList<string> RequiredMaterials { get; init; } = [];
    public IReadOnlyList<string> DeferredMaterials { get; init; } = [];
    public DateTimeOffset? DeferredSupplyDueAt { get; init; }

    /// <summary>Set when a clerk or chief put the case on the green channel (its tasks get the item's green-channel deadlines).</summary>
    public CaseGreenChannel? GreenChannel { get; init; }
    public required string DeliveryMethod { get; init; }
    public IReadOnlyList<ApplicationStage> Stages { get; init; } = [];
    public IReadOnlyList<CorrectionRequest> Corrections { get; init; } = [];
    public string? RejectionReason { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>Fee, licences issued and how they reach the applicant (null until the case is accepted).</summary>
    public Delivery.CaseDelivery? Delivery { get; init; }

    /// <summary>The request of a <see cref="CaseKinds.Disclosure"/> case.</summary>
    public Disclosure.DisclosureRequest? Disclosure { get; init; }

    /// <summary>The letter of a <see cref="CaseKinds.Mailbox"/> case.</summary>
    public Mailbox.MailboxLetter? Letter { get; init; }

    /// <summary>False for an anonymous letter: no phone, so no SMS (the writer reads replies in their own list).</summary>
    public bool HasApplicantPhone => Letter is not { Anonymous: true };

    /// <summary>The row of the applicant's own list for this case.</summary>
    public ApplicantListEntry ListEntry() => new(Id, Number, ItemCode, PackageCode, ItemName, Status, SubmittedAt) { Kind = Kind };
}
