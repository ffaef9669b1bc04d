namespace OneWindow.Domain.Delivery;

/// <summary>Queue names of the delivery feature.</summary>
public static class DeliveryQueues
{
    /// <summary><see cref="CourierDispatch"/> messages: create the shipment at the courier.</summary>
    public const string CourierDispatch = "courier-dispatch";
}
