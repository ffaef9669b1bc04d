namespace OneWindow.Orchestrations.Delivery;

/// <summary>External events of the delivery step (docs/orchestrations.md lists who raises them); instance id = application id.</summary>
public static class DeliveryEvents
{
    /// <summary>The bank confirmed the payment (written to the case first); payload <see cref="PaymentReceived"/>.</summary>
    public const string PaymentReceived = "PaymentReceived";

    /// <summary>The courier reported the parcel signed for; payload <see cref="DeliveryConfirmation"/>.</summary>
    public const string ParcelSigned = "ParcelSigned";

    /// <summary>The window clerk handed the licences over against the pickup code; payload <see cref="DeliveryConfirmation"/>.</summary>
    public const string PickupConfirmed = "PickupConfirmed";
}
