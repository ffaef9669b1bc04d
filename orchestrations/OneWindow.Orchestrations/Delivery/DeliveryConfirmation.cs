namespace OneWindow.Orchestrations.Delivery;

/// <summary>Payload of <see cref="DeliveryEvents.ParcelSigned"/> and <see cref="DeliveryEvents.PickupConfirmed"/>: when and by whom.</summary>
public sealed record DeliveryConfirmation(DateTimeOffset At, string Actor);
