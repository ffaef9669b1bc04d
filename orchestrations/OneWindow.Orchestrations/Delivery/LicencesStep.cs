namespace OneWindow.Orchestrations.Delivery;

/// <summary>Input of <c>RecordLicences</c>: the case and the licence numbers issued for it.</summary>
public sealed record LicencesStep(string ApplicationId, IReadOnlyList<string> Numbers);
