namespace OneWindow.Orchestrations.Delivery;

/// <summary>What the delivery step does for a case: its method (courier or pickup) and whether it waits for payment first.</summary>
public sealed record DeliveryPlan(string Method, bool AwaitingPayment);
