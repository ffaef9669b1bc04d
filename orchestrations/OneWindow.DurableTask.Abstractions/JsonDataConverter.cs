using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace OneWindow.DurableTask;

/// <summary>System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
public sealed class JsonDataConverter : DataConverter
{
    /// <summary>A shared instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a converter; <paramref name="options"/> defaults to <see cref="JsonSerializerDefaults.Web"/>.</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        // Chinese texts stay readable in storage and history instead of \uXXXX escapes.
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    }

    /// <inheritdoc />
    public override string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (data is null)
        {
            return null;
        }

        return JsonSerializer.Deserialize(data, targetType, _options);
    }
}
