using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>A signed push a department system stand-in accepted.</summary>
public sealed record DeliveryRecord(string DeliveryId, DateTimeOffset ReceivedAt, JsonElement Body);
