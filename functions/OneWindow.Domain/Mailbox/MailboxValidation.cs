using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Text;

namespace OneWindow.Domain.Mailbox;

/// <summary>
/// Validation of a mailbox letter: <c>{type, subject, content, anonymous?, applicant?}</c>. A signed letter needs the
/// applicant block (the reply goes to its phone); an anonymous one must have none, and no ID number or phone number in its
/// subject or content either: personal data has no place in an anonymous channel.
/// </summary>
public static class MailboxValidation
{
    public const int MaxSubjectLength = 100;
    public const int MaxContentLength = 4000;

    public static MailboxSubmission? Validate(JsonNode? body, out Dictionary<string, List<string>> errors)
    {
        var e = errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string field, string message) { if (!e.TryGetValue(field, out var l)) e[field] = l = []; l.Add(message); }
        if (body is not JsonObject root) { Add("body", "The body must be a JSON object."); return null; }

        var type = JsonText.Read(root, "type", 32, true, Add);
        if (type is not null && !MailboxLetterTypes.All.Contains(type)) { Add("type", "type must be consultation, complaint or suggestion."); type = null; }
        var subject = JsonText.Read(root, "subject", MaxSubjectLength, true, Add);
        if (subject is not null && InputText.Check(subject, MaxSubjectLength, "subject") is { } subjectError) { Add("subject", subjectError); subject = null; }
        var content = JsonText.Read(root, "content", MaxContentLength, true, Add, multiline: true);

        var anonymous = false;
        if (root["anonymous"] is { } flag)
        {
            if (flag is JsonValue v && v.TryGetValue<bool>(out var b)) anonymous = b;
            else Add("anonymous", "anonymous must be true or false.");
        }

        ApplicantDetails? applicant = null;
        if (anonymous)
        {
            if (root["applicant"] is not null) Add("applicant", "An anonymous letter carries no applicant: leave applicant out, or write a signed letter.");
            foreach (var (field, text) in new[] { ("subject", subject), ("content", content) })
            {
                var found = PersonalDataScan.Find(text);
                if (found.Count > 0)
                    Add(field, $"An anonymous letter must not contain personal data; {field} contains {string.Join(" and ", found.Select(Describe))}. Remove it, or write a signed letter.");
            }
        }
        else
        {
            applicant = ApplicantValidation.Parse(root["applicant"], Add);
        }

        if (e.Count > 0 || type is null || subject is null || content is null || (!anonymous && applicant is null)) return null;
        return new MailboxSubmission(type, subject, content, applicant);
    }

    private static string Describe(string found) => found == PersonalDataScan.IdNumber ? "an ID number" : "a phone number";
}
