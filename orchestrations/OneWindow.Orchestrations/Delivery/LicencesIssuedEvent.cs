namespace OneWindow.Orchestrations.Delivery;

/// <summary>
/// The external event the issuance function raises on the application orchestration (instance id = application id)
/// once every licence of the case exists; payload <see cref="LicencesIssued"/>.
/// </summary>
public static class LicencesIssuedEvent
{
    public const string Name = "LicencesIssued";
}
