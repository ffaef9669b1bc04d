namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// The queue the application orchestration writes to when a case is approved, read by the licence issuance function
/// (one message <see cref="LicenceIssuanceRequest"/> per case; the function is idempotent, so a repeat is harmless).
/// </summary>
public static class LicenceIssuanceQueue
{
    public const string Name = "licence-issuance";
}
