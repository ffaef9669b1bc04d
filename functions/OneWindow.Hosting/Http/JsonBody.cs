using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace OneWindow.Hosting.Http;

/// <summary>Reads a JSON request body, or gives the 400 problem that names where the JSON is broken.</summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Deserializes the body of <paramref name="request"/>. On failure returns <c>(default, problem)</c> where the
    /// problem is a 400 naming the line and byte position (or an empty/missing body).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken).ConfigureAwait(false);
            return value is null
                ? (default, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: "The request body is empty or null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            // The position lets a caller find the mistake; the message itself may echo input, so it is not returned.
            return (default, Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed JSON",
                detail: $"The request body is not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte position {e.BytePositionInLine ?? 0} (path {e.Path ?? "$"})."));
        }
    }
}
