namespace OneWindow.Domain.Licences;

/// <summary>
/// An issued electronic licence (container <c>licences</c>, document <c>lic-&lt;number&gt;</c>). The holder's name is
/// stored sealed (personal data) with a masked display copy; <see cref="Signature"/> is the issuer's SM2 signature over
/// <see cref="LicencePayload.Canonical"/> of the licence's signed fields. A re-issue is a new licence (new number,
/// <see cref="Version"/> + 1) that <see cref="Supersedes"/> the old one.
/// </summary>
public sealed record Licence
{
    public required string Number { get; init; }
    public required int Version { get; init; }
    public required string ApplicationId { get; init; }
    public required string ApplicationNumber { get; init; }
    public required string ItemCode { get; init; }
    public required string ItemName { get; init; }

    /// <summary>The licence's title (e.g. 食品经营许可证).</summary>
    public required string Kind { get; init; }

    /// <summary>The issuing department's code; its key signs the licence.</summary>
    public required string Issuer { get; init; }
    public required string IssuerName { get; init; }

    /// <summary>SHA-256 of the applicant's subject: who may read the licence and reuse it.</summary>
    public required string OwnerHash { get; init; }
    public required string HolderKind { get; init; }
    public required string SealedHolder { get; init; }
    public required string HolderMasked { get; init; }

    /// <summary>The holder's ID as printed and signed: a person's masked, an enterprise's credit code in full.</summary>
    public required string HolderId { get; init; }
    public string? Scope { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The last instant of validity; null for a long-term licence.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary><see cref="ValidUntil"/> as Unix seconds (a number the reminder query compares); null when long-term.</summary>
    public long? ValidUntilUnix { get; init; }
    public required string Status { get; init; }

    /// <summary>The SM2 signature (r‖s, base64url) over the canonical form.</summary>
    public required string Signature { get; init; }

    /// <summary>The blob of the PDF in the <c>licences</c> container.</summary>
    public required string File { get; init; }
    public string? Supersedes { get; init; }
    public string? SupersededBy { get; init; }
    public string? RevocationReason { get; init; }

    /// <summary>The expiry reminders already sent (days ahead, e.g. "30").</summary>
    public IReadOnlyList<string> RemindersSent { get; init; } = [];
    public IReadOnlyList<LicenceOperation> Operations { get; init; } = [];

    /// <summary>The status at <paramref name="now"/>: a valid licence past its validity is expired.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == LicenceStatus.Valid && ValidUntil is { } until && now > until ? LicenceStatus.Expired : Status;
}
