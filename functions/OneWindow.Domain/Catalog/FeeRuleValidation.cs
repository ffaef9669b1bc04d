using OneWindow.Domain.Text;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// Checks an item's fee rules (admin PUT): a name and a legal basis each; exactly one of a fixed amount or a formula;
/// amounts of yuan and fen within <see cref="Fee.MaxAmount"/>; exemptions with their own basis that can match a case
/// (known applicant kinds, questions and options of the item).
/// </summary>
public static class FeeRuleValidation
{
    private static readonly string[] Kinds = ["person", "enterprise"];

    /// <summary>Adds an error per bad field through <paramref name="add"/> (field path, message).</summary>
    public static void Check(ServiceItem item, Action<string, string> add)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(add);
        var fees = item.Fees ?? [];
        for (var i = 0; i < fees.Count; i++)
        {
            var field = $"fees[{i}]";
            var fee = fees[i];
            if (fee is null) { add(field, "A fee rule must be an object {name, amount | formula, basis, exemptions?}."); continue; }
            Text(add, field + ".name", fee.Name, CatalogValidation.MaxName, "The fee name is required.");
            Text(add, field + ".basis", fee.Basis, CatalogValidation.MaxText, "The legal basis of the fee (收费依据) is required.");
            if ((fee.Amount is null) == (fee.Formula is null)) add(field, "Give exactly one of amount (yuan) or formula.");
            if (fee.Amount is { } amount) Money(add, field + ".amount", amount, positive: true);
            if (fee.Formula is { } formula) Formula(add, field + ".formula", formula);
            var exemptions = fee.Exemptions ?? [];
            if (exemptions.Count > 20) add(field + ".exemptions", "At most 20 exemptions.");
            for (var j = 0; j < exemptions.Count; j++) Exemption(add, $"{field}.exemptions[{j}]", exemptions[j], item);
        }
    }

    private static void Formula(Action<string, string> add, string field, FeeFormula formula)
    {
        if (string.IsNullOrWhiteSpace(formula.Field) || formula.Field.Length > 64 || !formula.Field.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            add(field + ".field", "The form field holding the number of units is required (letters, digits, '-' or '_').");
        if (formula.Unit is not null && InputText.Check(formula.Unit, 20, field + ".unit") is { } unitError) add(field + ".unit", unitError);
        Money(add, field + ".perUnit", formula.PerUnit, positive: true);
        Money(add, field + ".base", formula.Base, positive: false);
        if (formula.Minimum is { } min) Money(add, field + ".minimum", min, positive: false);
        if (formula.Maximum is { } max) Money(add, field + ".maximum", max, positive: true);
        if (formula is { Minimum: { } low, Maximum: { } high } && low > high) add(field + ".maximum", "The maximum may not be below the minimum.");
    }

    private static void Exemption(Action<string, string> add, string field, FeeExemption? exemption, ServiceItem item)
    {
        if (exemption is null) { add(field, "An exemption must be an object {code, basis, applicantKinds?, when?}."); return; }
        if (string.IsNullOrWhiteSpace(exemption.Code) || exemption.Code.Length > 64 || !exemption.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            add(field + ".code", "A code of letters, digits, '-' or '_' is required.");
        Text(add, field + ".basis", exemption.Basis, CatalogValidation.MaxText, "The legal basis of the exemption is required.");
        if (exemption.ApplicantKinds is null && exemption.When is null) add(field, "Give applicantKinds, when, or both: an exemption that matches every case is no fee at all.");
        if (exemption.ApplicantKinds is { } kinds && (kinds.Count == 0 || kinds.Any(k => !Kinds.Contains(k))))
            add(field + ".applicantKinds", "applicantKinds lists person and/or enterprise.");
        foreach (var (question, options) in exemption.When ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var known = item.Questions?.FirstOrDefault(q => q?.Code == question);
            if (known is null) add(field + ".when", $"Unknown question '{question}'.");
            else if (options is null || options.Count == 0 || options.Any(o => !known.Options.Contains(o))) add(field + ".when", $"Unknown option of question '{question}'.");
        }
    }

    private static void Money(Action<string, string> add, string field, decimal value, bool positive)
    {
        if (positive ? value <= 0 : value < 0) add(field, positive ? $"{field} must be more than 0." : $"{field} may not be negative.");
        else if (value > Fee.MaxAmount) add(field, $"{field} may be at most {Fee.MaxAmount} yuan.");
        else if (decimal.Round(value, 2) != value) add(field, $"{field} is in yuan with at most two decimals (fen).");
    }

    private static void Text(Action<string, string> add, string field, string? value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value)) add(field, missing);
        else if (InputText.Check(value, max, field) is { } error) add(field, error);
    }
}
