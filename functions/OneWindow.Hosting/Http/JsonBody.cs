using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace OneWindow.Hosting.Http;

/// <summary>Limits every JSON body is read under (see <see cref="JsonBody"/>).</summary>
/// <param name="MaxDepth">Objects and arrays nested at most this deep (the root object is level 1).</param>
/// <param name="MaxStringLength">Characters of one string value.</param>
/// <param name="MaxPropertyNameLength">Characters of one property name.</param>
public sealed record JsonBodyLimits(int MaxDepth = 32, int MaxStringLength = 16_384, int MaxPropertyNameLength = 256);

/// <summary>
/// The one reader of JSON request bodies. Before anything looks at a body it is checked whole: valid JSON, valid UTF-8,
/// no unpaired surrogate escapes (which no .NET string can read back), no property given twice, nesting and strings within
/// <see cref="JsonBodyLimits"/>. What fails is a 400 validation problem naming the field (<c>a.b[0].c</c>) or, for
/// broken JSON, the line and byte; the parser's own message is never returned (it may quote input or name our types).
/// </summary>
public static class JsonBody
{
    /// <summary>The limits used when a caller gives none.</summary>
    public static readonly JsonBodyLimits DefaultLimits = new();

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// A 400 validation problem (RFC 7807 with <c>errors</c>), the shape every OneWindow route answers bad input with; when
    /// the whole body is at fault its message is the detail too (where the JSON breaks).
    /// </summary>
    public static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, detail: field == "body" ? message : "See errors for the fields to correct.",
            title: "Invalid request", type: "https://onewindow.example/problems/validation");

    /// <summary>Reads and checks the body of <paramref name="request"/> as a JSON object.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken, JsonBodyLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return ParseObject(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), limits);
    }

    /// <summary>Checks <paramref name="utf8"/> (a body already read, e.g. to verify its signature) and parses it as a JSON object.</summary>
    public static (JsonObject? Body, IResult? Problem) ParseObject(ReadOnlySpan<byte> utf8, JsonBodyLimits? limits = null)
    {
        limits ??= DefaultLimits;
        if (Check(utf8, limits) is { } error) return (null, Invalid(error.Field, error.Message));
        var node = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth + 1 });
        return node is JsonObject body ? (body, null) : (null, Invalid("body", "The body must be a JSON object."));
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>: checked as by <see cref="ReadObjectAsync"/>, then deserialized with web
    /// defaults. A value of the wrong type is a 400 naming its field.
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return problem is not null ? (default, problem) : Deserialize<T>(body!, Options);
    }

    /// <summary>Deserializes a checked body; a value of the wrong type or format is a 400 naming its field, without the serializer's message.</summary>
    public static (T? Value, IResult? Problem) Deserialize<T>(JsonObject body, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            var value = body.Deserialize<T>(options);
            return value is null ? (default, Invalid("body", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return (default, Invalid(field, field == "body"
                ? "The body lacks a required field or has the wrong shape."
                : $"{field} has the wrong type or format."));
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            // A converter's own exception (a malformed duration, a date out of range): no path, so the body is named.
            return (default, Invalid("body", "A value of the body has the wrong format."));
        }
    }

    /// <summary><c>$.a.b[0]</c> or <c>$['a'].b</c> as the API names fields: <c>a.b[0]</c>; the root is <c>body</c>.</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }

        public HashSet<string>? Names { get; set; }
    }

    /// <summary>The first problem of the body (field, message), or null when it may be parsed.</summary>
    private static (string Field, string Message)? Check(ReadOnlySpan<byte> utf8, JsonBodyLimits limits)
    {
        if (utf8.IsEmpty) return ("body", "The body is empty; a JSON object is required.");
        // The reader's own depth limit sits above ours, so ours (which names the field) is met first.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxDepth + 2 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var token = reader.TokenType;
                if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                if (token == JsonTokenType.PropertyName)
                {
                    var frame = frames[^1];
                    var holder = PathOf(frames, frames.Count - 1);
                    var (name, nameError) = TextOf(ref reader, limits.MaxPropertyNameLength, "a property name");
                    if (nameError is not null) return (holder.Length == 0 ? "body" : holder, $"{(holder.Length == 0 ? "body" : holder)}: {nameError}");
                    frame.Property = name;
                    if (!(frame.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name!)) return (PathOf(frames, frames.Count), "This property is given twice.");
                    continue;
                }

                // A value: the next element of an array, or the value of the property just read.
                if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                var path = PathOf(frames, frames.Count);
                var field = path.Length == 0 ? "body" : path;
                switch (token)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (frames.Count >= limits.MaxDepth) return (field, $"{field} is nested deeper than {limits.MaxDepth} levels.");
                        frames.Add(new Frame(token == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.String:
                        var (_, error) = TextOf(ref reader, limits.MaxStringLength, field);
                        if (error is not null) return (field, error);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            return ("body", $"The body is not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte position {e.BytePositionInLine ?? 0}.");
        }

        return null;
    }

    /// <summary>The string at the reader, or why it is not acceptable text: invalid UTF-8, an unpaired surrogate, too long.</summary>
    private static (string? Text, string? Error) TextOf(ref Utf8JsonReader reader, int maxLength, string what)
    {
        var raw = reader.ValueSpan;
        if (!Utf8.IsValid(raw)) return (null, $"{what} is not valid UTF-8 text.");
        if (!reader.ValueIsEscaped && raw.Length <= maxLength) return (reader.GetString(), null);
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return (null, $"{what} contains an unpaired surrogate escape (\\uD800–\\uDFFF): not text.");
        }

        return text.Length > maxLength ? (null, $"{what} must be at most {maxLength} characters.") : (text, null);
    }

    /// <summary>The path of the value at the innermost of <paramref name="count"/> frames: <c>a.b[0].c</c>.</summary>
    private static string PathOf(List<Frame> frames, int count)
    {
        var path = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var frame = frames[i];
            if (frame.IsArray) path.Append('[').Append(frame.Index).Append(']');
            else
            {
                if (path.Length > 0) path.Append('.');
                path.Append(frame.Property);
            }
        }

        return path.ToString();
    }
}
