using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Licences;
using OneWindow.Domain.Review;

namespace OneWindow.Functions.Review;

/// <summary>Validation of the review bodies (API.md "Department work" and webhooks): field-named errors, nothing stored.</summary>
public static class ReviewRequests
{
    public const int MaxText = 2000;
    public const int MaxReference = 300;

    /// <summary>The fields that belong to one decision only: given with another, they are an error rather than ignored.</summary>
    private static readonly (string Field, string[] Decisions)[] DecisionFields =
    [
        ("department", [TaskDecisions.HandOver]),
        ("legalGround", [DisclosureAnswerTypes.PartlyDisclosed, DisclosureAnswerTypes.NotDisclosed]),
        ("referTo", [DisclosureAnswerTypes.Refer]),
        ("fileUploadId", [DisclosureAnswerTypes.Disclosed, DisclosureAnswerTypes.PartlyDisclosed]),
    ];

    public static DecisionRequest? Decision(JsonObject body, bool opinionRequired, Dictionary<string, List<string>> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(errors);
        var decision = Text(body, "decision", true, 40, errors);
        if (decision is not null && !TaskDecisions.All.Contains(decision))
        {
            Add(errors, "decision", $"decision must be one of {string.Join(", ", TaskDecisions.All.Order(StringComparer.Ordinal))} (each task takes its own: see the task's decisions).");
            decision = null;
        }

        // Beyond approve and reject the opinion is what the applicant reads (the question, the reply, the answer): always required.
        var opinion = Text(body, "opinion", opinionRequired || decision is not null && !TaskDecisions.Review.Contains(decision), MaxText, errors);
        foreach (var (field, owners) in DecisionFields)
        {
            if (decision is null) break;
            if (body[field] is not null && !owners.Contains(decision)) Add(errors, field, $"{field} goes only with decision {string.Join(" or ", owners)}.");
            else if (body[field] is null && owners.Contains(decision))
                Add(errors, field, $"{field} is required with decision {decision}.");
        }

        var department = Text(body, "department", false, 64, errors);
        var legalGround = Text(body, "legalGround", false, MaxReference, errors);
        var referTo = Text(body, "referTo", false, MaxReference, errors);
        var fileUploadId = Text(body, "fileUploadId", false, 64, errors);
        var items = new List<CorrectionItem>();
        if (body["items"] is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                var item = array[i] as JsonObject;
                var message = item is null ? null : Text(item, "message", true, MaxText, errors, $"items[{i}].message");
                var material = item is null ? null : Text(item, "materialCode", false, 100, errors, $"items[{i}].materialCode");
                if (item is null) Add(errors, $"items[{i}]", "Each item is an object {materialCode?, message}.");
                else if (message is not null) items.Add(new CorrectionItem(material, message));
            }
        }
        else if (body["items"] is not null) Add(errors, "items", "items must be an array of {materialCode?, message}.");

        if (decision == "request-correction" && items.Count == 0 && !errors.Keys.Any(k => k.StartsWith("items", StringComparison.Ordinal)))
            Add(errors, "items", "items is required with request-correction: everything to correct, at once.");
        int? supply = null;
        if (body["supplyWorkingDays"] is not null)
        {
            supply = WholeNumber(body, "supplyWorkingDays", errors);
            if (supply is not null && supply is < 1 or > 60) Add(errors, "supplyWorkingDays", "supplyWorkingDays must be 1 to 60 working days.");
        }

        return errors.Count == 0 && decision is not null
            ? new DecisionRequest(decision, opinion, items, supply) { Department = department, LegalGround = legalGround, ReferTo = referTo, FileUploadId = fileUploadId }
            : null;
    }

    /// <summary>
    /// The optional <c>licence</c> object of a department's approval: <c>{validUntil?: "yyyy-MM-dd", scope?}</c>, the
    /// licence's validity end (instead of the item's) and its licensed scope.
    /// </summary>
    public static LicenceFields? Licence(JsonObject body, Dictionary<string, List<string>> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["licence"] is not JsonObject licence)
        {
            Add(errors, "licence", "licence must be an object {validUntil?, scope?}.");
            return null;
        }

        var unknown = licence.Select(p => p.Key).Except(["validUntil", "scope"]).ToArray();
        if (unknown.Length > 0) Add(errors, "licence", $"licence has unknown fields: {string.Join(", ", unknown)}.");
        var scope = Text(licence, "scope", false, LicenceFields.MaxScopeLength, errors, "licence.scope");
        var until = Text(licence, "validUntil", false, 10, errors, "licence.validUntil");
        DateOnly? day = null;
        if (until is not null)
        {
            if (DateOnly.TryParseExact(until, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)) day = parsed;
            else Add(errors, "licence.validUntil", "licence.validUntil must be a date yyyy-MM-dd.");
        }

        return errors.Keys.Any(k => k.StartsWith("licence", StringComparison.Ordinal)) ? null : new LicenceFields(day, scope);
    }

    public static string? Text(JsonObject body, string field, bool required, int maxLength, Dictionary<string, List<string>> errors, string? errorKey = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = errorKey ?? field;
        var node = body[field];
        if (node is null)
        {
            if (required) Add(errors, key, $"{field} is required.");
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            Add(errors, key, $"{field} must be a string.");
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(text)) Add(errors, key, $"{field} must not be empty.");
        else if (text.Length > maxLength) Add(errors, key, $"{field} must be at most {maxLength} characters.");
        else return text;
        return null;
    }

    public static int? WholeNumber(JsonObject body, string field, Dictionary<string, List<string>> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body[field] is JsonValue value && value.TryGetValue<int>(out var number)) return number;
        Add(errors, field, $"{field} is required, a whole number.");
        return null;
    }

    public static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }
}
