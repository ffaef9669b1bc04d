using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>A shipment the courier stand-in accepted.</summary>
public sealed record ShipmentRecord(string Waybill, string To, string Address, string Reference, string? Phone, DateTimeOffset CreatedAt);
