namespace OneWindow.Orchestrations.Delivery;

/// <summary>Payload of <see cref="DeliveryEvents.PaymentReceived"/>: references only (the payment is on the case document).</summary>
public sealed record PaymentReceived(string PaymentNotice, string TransactionId);
