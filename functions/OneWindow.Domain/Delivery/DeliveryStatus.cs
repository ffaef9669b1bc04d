namespace OneWindow.Domain.Delivery;

/// <summary>The wire names of <c>delivery.status</c> (API.md) and of the delivery methods.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string AwaitingPayment = "awaiting-payment";
    public const string ReadyForPickup = "ready-for-pickup";
    public const string Dispatched = "dispatched";
    public const string Delivered = "delivered";

    public const string Courier = "courier";
    public const string Pickup = "pickup";

    /// <summary>Courier tracking statuses (API.md <c>POST /api/webhooks/courier</c>).</summary>
    public static readonly IReadOnlySet<string> TrackingStatuses = new HashSet<string>(StringComparer.Ordinal) { "collected", "in-transit", "signed" };

    /// <summary>The tracking status that delivers the case.</summary>
    public const string SignedFor = "signed";
}
