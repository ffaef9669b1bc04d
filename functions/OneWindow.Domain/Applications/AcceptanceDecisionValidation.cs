using System.Text.Json.Nodes;

namespace OneWindow.Domain.Applications;

/// <summary>Validates a clerk's acceptance body into field → messages errors.</summary>
public static class AcceptanceDecisionValidation
{
    public const int MaxMessageLength = 500;
    public const int MaxSupplyWorkingDays = 60;

    public static AcceptanceDecision? Validate(JsonNode? body, out Dictionary<string, List<string>> errors)
    {
        var e = errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string f, string m) { if (!e.TryGetValue(f, out var l)) e[f] = l = []; l.Add(m); }
        if (body is not JsonObject root) { Add("body", "The body must be a JSON object."); return null; }

        var decision = Str(root["decision"]);
        if (decision is not (AcceptanceDecision.Accept or AcceptanceDecision.AcceptDeferred or AcceptanceDecision.RequestCorrection or AcceptanceDecision.Reject))
        {
            Add("decision", "decision must be one of accept, accept-deferred, request-correction, reject.");
        }

        var deferred = new List<string>();
        if (root["deferredMaterials"] is JsonArray da)
        {
            for (var i = 0; i < da.Count; i++)
            {
                if (Str(da[i]) is { Length: > 0 and <= 64 } code) deferred.Add(code);
                else Add($"deferredMaterials[{i}]", "Each deferred material must be a material code.");
            }
        }
        else if (root["deferredMaterials"] is not null) Add("deferredMaterials", "deferredMaterials must be an array of material codes.");

        var items = new List<CorrectionItem>();
        if (root["items"] is JsonArray ia)
        {
            for (var i = 0; i < ia.Count; i++)
            {
                if (ia[i] is not JsonObject item) { Add($"items[{i}]", "Each item must be an object {materialCode?, message}."); continue; }
                var message = Str(item["message"]);
                var material = item["materialCode"];
                if (message is not { Length: > 0 and <= MaxMessageLength }) Add($"items[{i}].message", $"message is required, at most {MaxMessageLength} characters.");
                else if (material is not null && Str(material) is null) Add($"items[{i}].materialCode", "materialCode must be a string.");
                else items.Add(new CorrectionItem(Str(material), message));
            }
        }
        else if (root["items"] is not null) Add("items", "items must be an array.");

        int? days = null;
        if (root["supplyWorkingDays"] is JsonValue dv)
        {
            if (dv.TryGetValue<int>(out var d) && d is >= 1 and <= MaxSupplyWorkingDays) days = d;
            else Add("supplyWorkingDays", $"supplyWorkingDays must be a whole number from 1 to {MaxSupplyWorkingDays}.");
        }
        else if (root["supplyWorkingDays"] is not null) Add("supplyWorkingDays", "supplyWorkingDays must be a number.");

        var reason = Str(root["reason"]);
        if (root["reason"] is not null && reason is null) Add("reason", "reason must be a string.");
        if (reason is { Length: > MaxMessageLength }) Add("reason", $"reason must be at most {MaxMessageLength} characters.");

        switch (decision)
        {
            case AcceptanceDecision.AcceptDeferred:
                if (deferred.Count == 0 && !e.ContainsKey("deferredMaterials")) Add("deferredMaterials", "accept-deferred needs the deferred materials.");
                if (days is null && !e.ContainsKey("supplyWorkingDays")) Add("supplyWorkingDays", "accept-deferred needs a supply deadline in working days.");
                break;
            case AcceptanceDecision.RequestCorrection:
                if (items.Count == 0 && !e.Keys.Any(k => k.StartsWith("items", StringComparison.Ordinal))) Add("items", "request-correction lists every correction at once; give at least one.");
                break;
            case AcceptanceDecision.Reject:
                if (string.IsNullOrWhiteSpace(reason) && !e.ContainsKey("reason")) Add("reason", "reject needs a reason.");
                break;
        }

        return e.Count > 0 ? null : new AcceptanceDecision(decision!, deferred, items, days, reason);
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
