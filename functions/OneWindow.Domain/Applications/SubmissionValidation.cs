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
    public const int MaxNameLength = 100;
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

        ApplicantDetails? applicant = null;
        if (root["applicant"] is JsonObject ap)
        {
            var kind = Text(ap, "kind", 16, true, (f, m) => Add("applicant." + f, m));
            if (kind is not null and not ("person" or "enterprise")) Add("applicant.kind", "kind must be \"person\" or \"enterprise\".");
            var name = Text(ap, "name", MaxNameLength, true, (f, m) => Add("applicant." + f, m));
            if (name is not null && InputText.Check(name, MaxNameLength, "name") is { } nameError) { Add("applicant.name", nameError); name = null; }
            var idText = Text(ap, "idNumber", 32, true, (f, m) => Add("applicant." + f, m));
            string? id = null;
            if (idText is not null && kind == "person")
            {
                id = ResidentIdNumber.TryParse(idText, out var err)?.Value;
                if (err is not null) Add("applicant.idNumber", err);
            }
            else if (idText is not null && kind == "enterprise")
            {
                id = UnifiedSocialCreditCode.TryParse(idText, out var err)?.Value;
                if (err is not null) Add("applicant.idNumber", err);
            }
            var phoneText = Text(ap, "phone", 32, true, (f, m) => Add("applicant." + f, m));
            string? phone = null;
            if (phoneText is not null)
            {
                phone = MobileNumber.TryParse(phoneText, out var err)?.Value;
                if (err is not null) Add("applicant.phone", err);
            }
            if (kind is not null && name is not null && id is not null && phone is not null) applicant = new ApplicantDetails(kind, name, id, phone);
        }
        else Add("applicant", "applicant is required and must be an object.");

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

    private static string? Text(JsonObject o, string field, int maxLength, bool required, Action<string, string> add)
    {
        var node = o[field];
        if (node is null)
        {
            if (required) add(field, $"{field} is required.");
            return null;
        }
        if (node is not JsonValue v || !v.TryGetValue<string>(out var s)) { add(field, $"{field} must be a string."); return null; }
        if (string.IsNullOrWhiteSpace(s)) { if (required) add(field, $"{field} must not be empty."); return null; }
        if (s.Length > maxLength) { add(field, $"{field} must be at most {maxLength} characters."); return null; }
        return s.Trim();
    }
}
