using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneWindow.Data.Catalog;

/// <summary>
/// Catalog documents are written through the stream API with System.Text.Json, so the stored shape does
/// not depend on the Cosmos client's serializer and domain records round-trip exactly.
/// </summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static MemoryStream Write<T>(T value) => new(JsonSerializer.SerializeToUtf8Bytes(value, Options));

    public static async Task<T> ReadAsync<T>(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<T>(stream, Options, cancellationToken)
        ?? throw new InvalidOperationException("An empty catalog document.");
}
