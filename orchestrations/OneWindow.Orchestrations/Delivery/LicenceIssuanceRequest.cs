namespace OneWindow.Orchestrations.Delivery;

/// <summary>The <see cref="LicenceIssuanceQueue"/> message: <c>{"applicationId":"..."}</c> (plus the queue's traceparent).</summary>
public sealed record LicenceIssuanceRequest(string ApplicationId);
