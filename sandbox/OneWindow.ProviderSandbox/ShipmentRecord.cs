namespace OneWindow.ProviderSandbox;

/// <summary>A shipment the courier stand-in accepted; <see cref="Documents"/> are the references of what it carries.</summary>
public sealed record ShipmentRecord(string Waybill, string To, string Address, string Reference, string? Phone, DateTimeOffset CreatedAt)
{
    public IReadOnlyList<string> Documents { get; init; } = [];
}
