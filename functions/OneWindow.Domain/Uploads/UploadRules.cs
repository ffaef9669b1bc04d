namespace OneWindow.Domain.Uploads;

/// <summary>What may be uploaded: PDF, JPEG, PNG and OFD (the Chinese fixed-layout format), up to a configured size.</summary>
public static class UploadRules
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;
    public const int MaxFileNameLength = 200;

    public static readonly IReadOnlySet<string> ContentTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "image/jpeg", "image/png", "application/ofd",
    };

    /// <summary>
    /// The blob that holds a case's copy of one upload: under the case and the SHA-256 the copy was checked against, so a
    /// repeated submission or correction finds the copy it made before, and no upload URL (named by upload id) reaches it.
    /// </summary>
    public static string EvidenceName(string applicationId, string sha256) => $"{applicationId}/{sha256}";

    /// <summary>The file name a download is saved under: the material code (catalog codes carry no personal data) and the type's extension.</summary>
    public static string DownloadFileName(string materialCode, string? contentType)
    {
        var name = new string(materialCode.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        var extension = contentType?.ToLowerInvariant() switch
        {
            "application/pdf" => ".pdf",
            "image/jpeg" => ".jpg",
            "image/png" => ".png",
            "application/ofd" => ".ofd",
            _ => "",
        };
        return (name.Length == 0 ? "material" : name) + extension;
    }

    /// <summary>Field → messages errors of a reservation request; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(System.Text.Json.Nodes.JsonNode? body, long maxBytes, out (string FileName, string ContentType, long Size, string Sha256)? value)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        value = null;
        if (body is not System.Text.Json.Nodes.JsonObject o) { errors["body"] = ["The body must be a JSON object."]; return errors; }
        var fileName = Str(o, "fileName", errors);
        if (fileName is not null && Text.InputText.Check(fileName, MaxFileNameLength, "fileName") is { } nameError) errors["fileName"] = [nameError];
        var contentType = Str(o, "contentType", errors);
        if (contentType is not null && !ContentTypes.Contains(contentType)) errors["contentType"] = ["contentType must be application/pdf, image/jpeg, image/png or application/ofd."];
        long size = 0;
        if (o["size"] is null) errors["size"] = ["size is required."];
        else if (o["size"] is not System.Text.Json.Nodes.JsonValue sv || !sv.TryGetValue(out size)) errors["size"] = ["size must be a whole number of bytes."];
        else if (size < 1 || size > maxBytes) errors["size"] = [$"size must be from 1 to {maxBytes} bytes."];
        var sha = Str(o, "sha256", errors);
        if (sha is not null && (sha.Length != 64 || !sha.All(Uri.IsHexDigit))) errors["sha256"] = ["sha256 must be 64 hexadecimal characters."];
        if (errors.Count == 0) value = (fileName!, contentType!.ToLowerInvariant(), size, sha!.ToLowerInvariant());
        return errors;
    }

    private static string? Str(System.Text.Json.Nodes.JsonObject o, string field, Dictionary<string, string[]> errors)
    {
        var n = o[field];
        if (n is null) { errors[field] = [$"{field} is required."]; return null; }
        if (n is not System.Text.Json.Nodes.JsonValue v || !v.TryGetValue<string>(out var s)) { errors[field] = [$"{field} must be a string."]; return null; }
        if (string.IsNullOrWhiteSpace(s)) { errors[field] = [$"{field} must not be empty."]; return null; }
        return s;
    }
}
