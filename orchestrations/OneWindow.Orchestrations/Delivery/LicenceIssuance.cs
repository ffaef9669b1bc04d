namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// The contract between the application orchestration and licence issuance (docs/orchestrations.md): after approval (and
/// payment) the orchestration puts <c>{"applicationId": "..."}</c> on <see cref="QueueName"/>; the issuing queue function
/// raises <see cref="EventName"/> with <see cref="LicencesIssued"/> to the case's instance (instance id = application id).
/// </summary>
public static class LicenceIssuance
{
    /// <summary>The queue the issuance requests go to.</summary>
    public const string QueueName = "licence-issuance";

    /// <summary>The external event that reports the licences issued for a case.</summary>
    public const string EventName = "LicencesIssued";
}
