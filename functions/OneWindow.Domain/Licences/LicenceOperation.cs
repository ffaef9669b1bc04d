namespace OneWindow.Domain.Licences;

/// <summary>One entry of a licence's operation log: issued, revoked, superseded, reissued, reminded.</summary>
public sealed record LicenceOperation(DateTimeOffset At, string Type, string Actor, string? Detail = null);
