namespace OneWindow.Orchestrations.Delivery;

/// <summary>Input of <c>CompleteDelivery</c>: the case, when the licences reached the applicant and who reported it.</summary>
public sealed record DeliveryCompletion(string ApplicationId, DateTimeOffset At, string Actor);
