using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneWindow.Functions.Review;

namespace OneWindow.Functions.Delivery;

/// <summary>Field readers of the delivery bodies (payment and courier callbacks), adding an error per bad field.</summary>
internal static class DeliveryRequests
{
    /// <summary>An ISO 8601 time with an offset (<c>2026-11-30T10:00:00Z</c>).</summary>
    public static DateTimeOffset? Time(JsonObject body, string field, Dictionary<string, List<string>> errors)
    {
        var text = ReviewRequests.Text(body, field, true, 40, errors);
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Year is > 2000 and < 2200) return at.ToUniversalTime();
        ReviewRequests.Add(errors, field, $"{field} must be an ISO 8601 time, e.g. 2026-11-30T10:00:00Z.");
        return null;
    }

    /// <summary>An amount in yuan: a JSON number with at most two decimals.</summary>
    public static decimal? Amount(JsonObject body, string field, Dictionary<string, List<string>> errors)
    {
        if (body[field] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var amount) && amount >= 0 && decimal.Round(amount, 2) == amount) return amount;
        ReviewRequests.Add(errors, field, $"{field} is required: the amount paid in yuan, a number with at most two decimals.");
        return null;
    }
}
