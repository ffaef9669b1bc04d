using System.Net.Http.Json;
using System.Text.Json;

namespace OneWindow.Functions.Delivery;

/// <summary>
/// The courier's order API (the provider sandbox locally): typed client with the standard resilience pipeline. The case
/// number is the order reference, so a repeated order (a retry after a lost answer) gets the same waybill back.
/// </summary>
public sealed class CourierClient(HttpClient http)
{
    /// <summary>Orders a shipment; returns the waybill.</summary>
    public async Task<string> CreateShipmentAsync(string to, string phone, string address, string reference, IReadOnlyList<string> documents, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("gateway/courier/shipments", new { to, phone, address, reference, documents }, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.TryGetProperty("waybill", out var waybill) && waybill.GetString() is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The courier answered without a waybill.");
    }
}
