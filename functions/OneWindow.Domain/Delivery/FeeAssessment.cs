using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneWindow.Domain.Catalog;

namespace OneWindow.Domain.Delivery;

/// <summary>
/// Fixes the fee of a case from its items' fee rules (the catalog versions the case was submitted with): each rule's
/// amount or formula, waived by the first exemption that matches the applicant kind and the situation answers. No rule at
/// all is a fee-free case (no fee, the payment step is skipped); rules that were all waived are a fee of 0, <c>waived</c>.
/// </summary>
public static class FeeAssessment
{
    /// <summary>The fee for a case, or null when none of <paramref name="items"/> charges anything.</summary>
    public static CaseFee? Assess(IEnumerable<ServiceItem> items, string applicantKind, IReadOnlyDictionary<string, string> answers, JsonObject? form, string paymentNotice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answers);
        var lines = new List<FeeLine>();
        foreach (var item in items)
        {
            foreach (var fee in item.Fees)
            {
                var exemption = fee.Exemptions.FirstOrDefault(e => e.AppliesTo(applicantKind, answers));
                var amount = exemption is null ? AmountOf(fee, form) : 0m;
                lines.Add(new FeeLine(item.Code, fee.Name, amount, fee.Basis, exemption?.Code));
            }
        }

        if (lines.Count == 0) return null;
        var total = lines.Sum(l => l.Amount);
        return new CaseFee
        {
            Amount = total,
            PaymentNotice = paymentNotice,
            Status = total > 0 ? CaseFee.Due : CaseFee.Waived,
            Lines = lines,
            AssessedAt = at,
        };
    }

    /// <summary>A rule's amount for a case, rounded to fen (half away from zero, as cashiers round).</summary>
    public static decimal AmountOf(Fee fee, JsonObject? form)
    {
        ArgumentNullException.ThrowIfNull(fee);
        if (fee.Formula is not { } formula) return fee.Amount ?? 0m;
        var amount = formula.Base + (formula.PerUnit * Units(form, formula.Field));
        if (formula.Minimum is { } min) amount = Math.Max(amount, min);
        if (formula.Maximum is { } max) amount = Math.Min(amount, max);
        return decimal.Round(Math.Min(amount, Fee.MaxAmount), 2, MidpointRounding.AwayFromZero);
    }

    private static decimal Units(JsonObject? form, string? field)
    {
        if (form is null || field is null || form[field] is not JsonValue value) return 0m;
        decimal units;
        // A number's JSON text, or a string of digits (forms often send numbers as text).
        var text = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.ToJsonString(),
            JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
        if (!decimal.TryParse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out units)) units = 0m;
        return units is < 0 or > 1_000_000_000m ? 0m : units;
    }
}
