namespace OneWindow.Orchestrations.Delivery;

/// <summary>The <see cref="LicencesIssuedEvent"/> payload: <c>{"numbers":["..."]}</c>, empty when no item issues a licence.</summary>
public sealed record LicencesIssued(IReadOnlyList<string> Numbers);
