namespace OneWindow.Orchestrations.Delivery;

/// <summary>Payload of <see cref="LicenceIssuance.EventName"/>: the numbers of the licences issued for the case.</summary>
public sealed record LicencesIssued(IReadOnlyList<string> Numbers);
