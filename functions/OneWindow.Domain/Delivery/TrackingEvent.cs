namespace OneWindow.Domain.Delivery;

/// <summary>A courier tracking callback as recorded on the case (collected, in-transit, signed).</summary>
public sealed record TrackingEvent(string Status, DateTimeOffset At, DateTimeOffset ReceivedAt);
