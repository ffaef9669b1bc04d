using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace OneWindow.Domain.Calendar;

/// <summary>Reads and writes <see cref="TimeSpan"/> as an ISO 8601 duration such as <c>PT2M</c> (API.md).</summary>
public sealed class IsoDurationJsonConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        try
        {
            return XmlConvert.ToTimeSpan(text ?? "");
        }
        catch (FormatException ex)
        {
            throw new JsonException($"'{text}' is not an ISO 8601 duration such as PT2M.", ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteStringValue(XmlConvert.ToString(value));
}
