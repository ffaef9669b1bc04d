namespace OneWindow.Domain.Delivery;

/// <summary>
/// How the result reaches the applicant (API.md <c>delivery</c>), on the application document: the fee from acceptance,
/// then after approval the licences issued, the courier's waybill and tracking or the sealed pickup code, and the
/// moment of delivery. The pickup code is sealed like the applicant block (it is what collects the licences).
/// </summary>
public sealed record CaseDelivery
{
    public string Status { get; init; } = DeliveryStatus.Pending;
    public CaseFee? Fee { get; init; }
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>When the licence numbers were recorded on the case (the supervisor's timeline tells it).</summary>
    public DateTimeOffset? LicencesIssuedAt { get; init; }

    public string? Waybill { get; init; }
    public DateTimeOffset? DispatchedAt { get; init; }
    public IReadOnlyList<TrackingEvent> Tracking { get; init; } = [];
    public string? SealedPickupCode { get; init; }
    public DateTimeOffset? ReadyAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }
    public string? DeliveredBy { get; init; }
}
