using System.Text.Json.Nodes;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Text;

namespace OneWindow.Domain.Applications;

/// <summary>
/// Shape and checksum validation of a submission body, producing field → messages errors (RFC 7807
/// <c>errors</c>). Field names are JSON paths as the caller wrote them, e.g. <c>applicant.idNumber</c>.
/// </summary>
public static class SubmissionValidation
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = ApplicantValidation.MaxNameLength;
    public const int MaxAddressLength = 300;
    public const int MaxMaterials = 100;

    public static SubmissionRequest? Validate(JsonNode? body, out Dictionary<string, List<string>> errors)
    {
        var e = errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) { if (!e.TryGetValue(field, out var l)) e[field] = l = []; l.Add(message); }

        if (body is not JsonObject root) { Add("body", "The body must be a JSON object."); return null; }

        var itemCode = Text(root, "itemCode", MaxCodeLength, required: false, Add);
        var packageCode = Text(root, "packageCode", MaxCodeLength, required: false, Add);
        if (!e.ContainsKey("itemCode") && !e.ContainsKey("packageCode") && (itemCode is null) == (packageCode is null))
        {
            Add("itemCode", "Give exactly one of itemCode and packageCode.");
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root["answers"] is JsonObject a)
        {
            foreach (var (q, v) in a)
            {
                if (v is JsonValue jv && jv.TryGetValue<string>(out var s) && s.Length is > 0 and <= MaxCodeLength && q.Length <= MaxCodeLength) answers[q] = s;
                else Add($"answers.{q}", "Each answer must be a non-empty option code string.");
            }
        }
        else if (root.ContainsKey("answers") && root["answers"] is not null) Add("answers", "answers must be an object of question code → option code.");

        var applicant = ApplicantValidation.Parse(root["applicant"], Add);

        var materials = new List<MaterialReference>();
        if (root["materials"] is JsonArray ms)
        {
            if (ms.Count > MaxMaterials) Add("materials", $"At most {MaxMaterials} materials.");
            for (var i = 0; i < ms.Count && i < MaxMaterials; i++)
            {
                if (ms[i] is not JsonObject m) { Add($"materials[{i}]", "Each material must be an object {code, uploadId} or {code, licenceNumber}."); continue; }
                var code = Text(m, "code", MaxCodeLength, true, (f, msg) => Add($"materials[{i}].{f}", msg));
                if (m["licenceNumber"] is not null)
                {
                    // 证照复用: one of the caller's licences stands in for the material (checked against the catalog and the licence later).
                    if (m["uploadId"] is not null) Add($"materials[{i}]", "Give either uploadId or licenceNumber, not both.");
                    var licence = Text(m, "licenceNumber", MaxCodeLength, true, (f, msg) => Add($"materials[{i}].{f}", msg));
                    if (code is not null && licence is not null && m["uploadId"] is null) materials.Add(MaterialReference.ToLicence(code, licence));
                    continue;
                }

                var upload = Text(m, "uploadId", MaxCodeLength, true, (f, msg) => Add($"materials[{i}].{f}", msg));
                if (code is not null && upload is not null) materials.Add(new MaterialReference(code, upload));
            }
            foreach (var dup in materials.GroupBy(m => m.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Add("materials", $"The material {dup.Key} is given more than once.");
            }
        }
        else if (root.ContainsKey("materials") && root["materials"] is not null) Add("materials", "materials must be an array.");

        string? method = null, address = null;
        if (root["delivery"] is JsonObject d)
        {
            method = Text(d, "method", 16, true, (f, m) => Add("delivery." + f, m));
            if (method is not null and not ("pickup" or "courier")) Add("delivery.method", "method must be \"pickup\" or \"courier\".");
            address = Text(d, "address", MaxAddressLength, method == "courier", (f, m) => Add("delivery." + f, m));
        }
        else Add("delivery", "delivery is required and must be an object.");

        if (e.Count > 0 || applicant is null || method is null) return null;
        return new SubmissionRequest(itemCode, packageCode, answers, applicant, materials, method, address);
    }

    private static string? Text(JsonObject o, string field, int maxLength, bool required, Action<string, string> add) =>
        JsonText.Read(o, field, maxLength, required, add);
}
