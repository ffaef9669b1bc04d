using System.Text.Json;

namespace OneWindow.ProviderSandbox;

/// <summary>Bodies of the sandbox's routes; every field nullable so missing ones become 400 problems, not 500s.</summary>
internal sealed record SmsSendRequest(string? To, string? Template, string? Text, string? Reference, string? CallbackUrl);

internal sealed record ShipmentRequest(string? To, string? Address, string? Reference, string? Phone, IReadOnlyList<string>? Documents);

internal sealed record TrackingRequest(string? Status);

internal sealed record PaymentRequest(string? PaymentNotice, decimal? Amount);

internal sealed record FaultRequest(string? Target, double? ErrorRate, int? LatencyMs);

internal sealed record DecisionRequest(string? TaskId, string? Decision, string? Opinion, JsonElement? Items, JsonElement? Progress, JsonElement? Licence);
