using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Text;

namespace OneWindow.Domain.Disclosure;

/// <summary>
/// Validation of a disclosure request body: <c>{itemCode?, applicant, description, purpose?, delivery: {form, address?}}</c>.
/// The regulation asks for who applies, a description of the information and the form wanted (Art. 29); a purpose may be
/// given, up to <see cref="MaxPurposeLength"/> characters.
/// </summary>
public static class DisclosureValidation
{
    public const int MaxDescriptionLength = 4000;
    public const int MaxPurposeLength = 500;

    public static DisclosureSubmission? Validate(JsonNode? body, out Dictionary<string, List<string>> errors)
    {
        var e = errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) { if (!e.TryGetValue(field, out var l)) e[field] = l = []; l.Add(message); }
        if (body is not JsonObject root) { Add("body", "The body must be a JSON object."); return null; }

        var itemCode = JsonText.Read(root, "itemCode", SubmissionValidation.MaxCodeLength, false, Add);
        var applicant = ApplicantValidation.Parse(root["applicant"], Add);
        var description = JsonText.Read(root, "description", MaxDescriptionLength, true, Add, multiline: true);
        var purpose = JsonText.Read(root, "purpose", MaxPurposeLength, false, Add, multiline: true);
        string? form = null, address = null;
        if (root["delivery"] is JsonObject d)
        {
            void Delivery(string f, string m) => Add("delivery." + f, m);
            form = JsonText.Read(d, "form", 16, true, Delivery);
            if (form is not null && !DisclosureForms.All.Contains(form)) { Add("delivery.form", "form must be \"electronic\" or \"paper\"."); form = null; }
            address = JsonText.Read(d, "address", SubmissionValidation.MaxAddressLength, form == DisclosureForms.Paper, Delivery);
            if (address is not null && InputText.Check(address, SubmissionValidation.MaxAddressLength, "address") is { } addressError) Add("delivery.address", addressError);
        }
        else Add("delivery", "delivery is required and must be an object {form: \"electronic\"|\"paper\", address?}.");

        if (e.Count > 0 || applicant is null || description is null || form is null) return null;
        return new DisclosureSubmission(itemCode, applicant, description, purpose, form, form == DisclosureForms.Paper ? address : null);
    }
}
