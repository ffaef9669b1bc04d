using System.Globalization;
using System.Net.Http.Headers;

namespace OneWindow.Functions.Review;

/// <summary>Typed client for department systems (standard resilience pipeline: retries within one try, timeouts, circuit breaker).</summary>
public sealed class DepartmentSystemClient(HttpClient http)
{
    /// <summary>POSTs a signed notice; true on a 2xx answer.</summary>
    public async Task<bool> SendAsync(Uri callback, byte[] body, string deliveryId, long timestamp, string signature, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, callback) { Content = content };
        request.Headers.Add("X-Delivery-Id", deliveryId);
        request.Headers.Add("X-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Signature", signature);
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
