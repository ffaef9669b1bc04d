using System.Text.Json.Nodes;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Text;

namespace OneWindow.Domain.Applications;

/// <summary>
/// The <c>applicant</c> block every case shares (an application, a disclosure request, a signed mailbox letter):
/// <c>{kind: "person"|"enterprise", name, idNumber, phone}</c>, ID numbers and phones checked, errors keyed <c>applicant.*</c>.
/// </summary>
public static class ApplicantValidation
{
    public const int MaxNameLength = 100;

    /// <summary>The applicant, or null with errors added through <paramref name="add"/>.</summary>
    public static ApplicantDetails? Parse(JsonNode? node, Action<string, string> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        if (node is not JsonObject ap)
        {
            add("applicant", "applicant is required and must be an object.");
            return null;
        }

        void Field(string f, string m) => add("applicant." + f, m);
        var kind = JsonText.Read(ap, "kind", 16, true, Field);
        if (kind is not null and not ("person" or "enterprise")) add("applicant.kind", "kind must be \"person\" or \"enterprise\".");
        var name = JsonText.Read(ap, "name", MaxNameLength, true, Field);
        if (name is not null && InputText.Check(name, MaxNameLength, "name") is { } nameError) { add("applicant.name", nameError); name = null; }
        var idText = JsonText.Read(ap, "idNumber", 32, true, Field);
        string? id = null;
        if (idText is not null && kind == "person")
        {
            id = ResidentIdNumber.TryParse(idText, out var err)?.Value;
            if (err is not null) add("applicant.idNumber", err);
        }
        else if (idText is not null && kind == "enterprise")
        {
            id = UnifiedSocialCreditCode.TryParse(idText, out var err)?.Value;
            if (err is not null) add("applicant.idNumber", err);
        }

        var phoneText = JsonText.Read(ap, "phone", 32, true, Field);
        string? phone = null;
        if (phoneText is not null)
        {
            phone = MobileNumber.TryParse(phoneText, out var err)?.Value;
            if (err is not null) add("applicant.phone", err);
        }

        return kind is not null && name is not null && id is not null && phone is not null ? new ApplicantDetails(kind, name, id, phone) : null;
    }
}
