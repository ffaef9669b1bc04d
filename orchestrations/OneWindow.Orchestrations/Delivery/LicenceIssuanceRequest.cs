namespace OneWindow.Orchestrations.Delivery;

/// <summary>The message on <see cref="LicenceIssuance.QueueName"/>: <c>{"applicationId": "..."}</c>, a reference only.</summary>
public sealed record LicenceIssuanceRequest(string ApplicationId);
