using OneWindow.Domain.Calendar;
using OneWindow.Domain.Text;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// Validation of admin writes. Each method returns errors keyed by the JSON field path (camelCase), empty
/// when valid; callers answer 400 with them and store nothing.
/// </summary>
public static class CatalogValidation
{
    /// <summary>Bounds of admin input (issue 15): names people read, long texts, and how many entries a list may have.</summary>
    public const int MaxName = 100, MaxPersonName = 50, MaxPhone = 32, MaxUrl = 500, MaxReference = 128, MaxText = 4000, MaxEntries = 100;

    /// <summary>A required label: present, within <paramref name="max"/>, and plain text (<see cref="InputText"/>).</summary>
    private static void Label(ErrorList errors, string field, string? value, int max, string missing)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(field, missing);
        else if (InputText.Check(value, max, field) is { } error) errors.Add(field, error);
    }

    /// <summary>An optional long text: within <see cref="MaxText"/> and without control characters other than line breaks and tabs.</summary>
    private static void LongText(ErrorList errors, string field, string? value)
    {
        if (value is null) return;
        if (value.Length > MaxText) errors.Add(field, $"{field} must be at most {MaxText} characters.");
        else if (value.Any(c => (char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || InputText.IsBidiControl(c))) errors.Add(field, $"{field} must not contain control or bidirectional control characters.");
    }

    private static void Count<T>(ErrorList errors, string field, IReadOnlyCollection<T>? list, int max = MaxEntries)
    {
        if (list is { } l && l.Count > max) errors.Add(field, $"At most {max} entries.");
    }

    private static bool IsCode(string? code) =>
        !string.IsNullOrWhiteSpace(code) && code.Length <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static IReadOnlyDictionary<string, string[]> ValidateDepartment(string routeCode, Department department)
    {
        var errors = new ErrorList();
        if (!IsCode(department.Code)) errors.Add("code", "A code of letters, digits, '-' or '_' is required.");
        else if (department.Code != routeCode) errors.Add("code", $"The code must match the route ({routeCode}).");
        Label(errors, "name", department.Name, MaxName, "The name is required.");
        Label(errors, "chiefRepresentative", department.ChiefRepresentative, MaxPersonName, "The chief representative is required.");
        if (string.IsNullOrWhiteSpace(department.ChiefPhone) || department.ChiefPhone.Length > MaxPhone || !department.ChiefPhone.All(c => char.IsAsciiDigit(c) || c is '-' or '+') || department.ChiefPhone.Count(char.IsAsciiDigit) < 7)
            errors.Add("chiefPhone", "A telephone number of digits is required.");
        if (department.HasOwnSystem)
        {
            if (department.CallbackUrl is { Length: > MaxUrl } || !Uri.TryCreate(department.CallbackUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                errors.Add("callbackUrl", "A department with its own system needs an absolute http(s) callback URL.");
            if (string.IsNullOrWhiteSpace(department.SecretRef) || department.SecretRef.Length > MaxReference || department.SecretRef.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) errors.Add("secretRef", "A department with its own system needs a secret reference.");
        }

        return errors.ToDictionary();
    }

    public static IReadOnlyDictionary<string, string[]> ValidateItem(string routeCode, ServiceItem item, Func<string, bool> departmentExists)
    {
        var errors = new ErrorList();
        if (!IsCode(item.Code)) errors.Add("code", "A code of letters, digits, '-' or '_' is required.");
        else if (item.Code != routeCode) errors.Add("code", $"The code must match the route ({routeCode}).");
        Label(errors, "name", item.Name, MaxName, "The name is required.");
        LongText(errors, "legalBasis", item.LegalBasis);
        LongText(errors, "conditions", item.Conditions);
        Count(errors, "fees", item.Fees);
        Count(errors, "forms", item.Forms);
        Count(errors, "questions", item.Questions);
        Count(errors, "materials", item.Materials);
        FeeRuleValidation.Check(item, errors.Add);

        for (var i = 0; i < (item.Forms?.Count ?? 0); i++) Label(errors, $"forms[{i}]", item.Forms![i], MaxName, "A form name is required.");
        if (string.IsNullOrWhiteSpace(item.Department) || !departmentExists(item.Department)) errors.Add("department", $"Unknown department '{item.Department}'.");
        if (!ServiceItemKinds.All.Contains(item.Kind)) errors.Add("kind", $"The kind must be one of {string.Join(", ", ServiceItemKinds.All)}.");
        if (item.Deadline is null || !item.Deadline.IsValid) errors.Add("deadline", "Exactly one of workingDays (> 0) or duration (> 0) is required.");
        if (item.LegalDeadline is null || !item.LegalDeadline.IsValid) errors.Add("legalDeadline", "Exactly one of workingDays (> 0) or duration (> 0) is required.");
        if (item.Deadline is { IsValid: true } && item.LegalDeadline is { IsValid: true } && Exceeds(item.Deadline, item.LegalDeadline))
            errors.Add("deadline", "The promised deadline may not exceed the legal deadline.");
        if (item.Warning is not null && (!item.Warning.IsValid || (item.Deadline is { IsValid: true } && !Exceeds(item.Deadline, item.Warning))))
            errors.Add("warning", "The warning must be positive and shorter than the promised deadline.");
        if (item.ExtensionCapWorkingDays is < 0 or > 60) errors.Add("extensionCapWorkingDays", "The extension cap must be between 0 and 60 working days.");
        if (item.HandOffDeadline is { IsValid: false }) errors.Add("handOffDeadline", "Exactly one of workingDays (> 0) or duration (> 0) is required.");
        if (item.GreenChannel?.Deadline is { } green && (!green.IsValid || (item.Deadline is { IsValid: true } && Exceeds(green, item.Deadline))))
            errors.Add("greenChannel.deadline", "The green-channel deadline must be positive and not exceed the promised deadline.");
        if (item.Visits < 0) errors.Add("visits", "Visits may not be negative.");
        if (item.Licence is { } licence)
        {
            Label(errors, "licence.title", licence.Title, MaxName, "The licence title is required.");
            if (licence.Title?.Contains('|', StringComparison.Ordinal) == true) errors.Add("licence.title", "The licence title may not contain '|'.");
            if (licence.ValidityYears is < 0 or > LicenceSpec.MaxValidityYears) errors.Add("licence.validityYears", $"validityYears must be 0 to {LicenceSpec.MaxValidityYears} (both 0: long-term).");
            if (licence.ValidityDays is < 0 or > LicenceSpec.MaxValidityDays) errors.Add("licence.validityDays", $"validityDays must be 0 to {LicenceSpec.MaxValidityDays}.");
        }
        Duplicates(item.Questions.Select(q => q?.Code), "questions", errors);
        Duplicates(item.Materials.Select(m => m?.Code), "materials", errors);
        for (var i = 0; i < item.Questions.Count; i++)
        {
            var q = item.Questions[i];
            if (q is null || !IsCode(q.Code)) errors.Add($"questions[{i}].code", "A question code is required.");
            Label(errors, $"questions[{i}].text", q?.Text, MaxText / 8, "The question text is required.");
            if (q?.Options is { Count: > 20 } || q?.Options?.Any(o => o is null || InputText.Check(o, MaxName, "option") is not null) == true) errors.Add($"questions[{i}].options", $"At most 20 options, each plain text of at most {MaxName} characters.");
            if (q?.Options is null || q.Options.Count < 2 || q.Options.Distinct().Count() != q.Options.Count) errors.Add($"questions[{i}].options", "At least two distinct options are required.");
        }

        for (var i = 0; i < item.Materials.Count; i++)
        {
            var m = item.Materials[i];
            if (m is null || !IsCode(m.Code)) { errors.Add($"materials[{i}].code", "A material code is required."); continue; }
            if (m.LicenceItems is { } licenceItems && (licenceItems.Count > 20 || licenceItems.Any(c => c is null || !IsCode(c))))
                errors.Add($"materials[{i}].licenceItems", "At most 20 item codes whose licences may stand in for the material.");
            Label(errors, $"materials[{i}].name", m.Name, MaxName * 2, "The material name is required.");
            foreach (var (question, options) in m.When ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                var known = item.Questions.FirstOrDefault(q => q?.Code == question);
                if (known is null) errors.Add($"materials[{i}].when", $"Unknown question '{question}'.");
                else if (options is null || options.Count == 0 || options.Any(o => !known.Options.Contains(o))) errors.Add($"materials[{i}].when", $"Unknown option of question '{question}'.");
            }
        }

        return errors.ToDictionary();
    }

    public static IReadOnlyDictionary<string, string[]> ValidatePackage(string routeCode, ServicePackage package, Func<string, ServiceItem?> currentItem, Func<string, bool> departmentExists)
    {
        var errors = new ErrorList();
        if (!IsCode(package.Code)) errors.Add("code", "A code of letters, digits, '-' or '_' is required.");
        else if (package.Code != routeCode) errors.Add("code", $"The code must match the route ({routeCode}).");
        Label(errors, "name", package.Name, MaxName, "The name is required.");
        LongText(errors, "description", package.Description);
        Count(errors, "stages", package.Stages, 20);
        Count(errors, "sharedMaterials", package.SharedMaterials);
        if (package.Stages is null || package.Stages.Count == 0) { errors.Add("stages", "A package needs at least one stage."); return errors.ToDictionary(); }
        Duplicates(package.Stages.Select(s => s?.Code), "stages", errors);
        var stageCodes = package.Stages.Where(s => s is not null).Select(s => s.Code).ToHashSet();
        var allItems = new HashSet<string>();
        for (var i = 0; i < package.Stages.Count; i++)
        {
            var stage = package.Stages[i];
            if (stage is null || !IsCode(stage.Code)) { errors.Add($"stages[{i}].code", "A stage code is required."); continue; }
            Label(errors, $"stages[{i}].name", stage.Name, MaxName, "The stage name is required.");
            Count(errors, $"stages[{i}].items", stage.Items);
            if (string.IsNullOrWhiteSpace(stage.LeadDepartment) || !departmentExists(stage.LeadDepartment)) errors.Add($"stages[{i}].leadDepartment", $"Unknown department '{stage.LeadDepartment}'.");
            if (stage.Items is null || stage.Items.Count == 0) { errors.Add($"stages[{i}].items", "A stage needs at least one item."); continue; }
            foreach (var code in stage.Items)
            {
                if (currentItem(code) is null) errors.Add($"stages[{i}].items", $"Unknown item '{code}'.");
                if (!allItems.Add(code)) errors.Add($"stages[{i}].items", $"Item '{code}' appears twice in the package.");
            }

            foreach (var after in stage.After ?? [])
            {
                if (!stageCodes.Contains(after)) errors.Add($"stages[{i}].after", $"Unknown stage '{after}'.");
            }
        }

        if (!errors.Any && HasCycle(package.Stages)) errors.Add("stages", "The stages form a cycle.");
        if (package.Deadline is not null && (!package.Deadline.IsValid || (package.LegalDeadline is { IsValid: true } && Exceeds(package.Deadline, package.LegalDeadline))))
            errors.Add("deadline", "The promised deadline must be positive and may not exceed the legal deadline.");
        if (package.LegalDeadline is null || !package.LegalDeadline.IsValid) errors.Add("legalDeadline", "Exactly one of workingDays (> 0) or duration (> 0) is required.");
        else if (package.LegalDeadline.WorkingDays > ServicePackage.JointLegalWorkingDays) errors.Add("legalDeadline", "Joint handling may take at most 45 working days.");
        if (package.ExtensionCapWorkingDays is < 0 or > ServicePackage.JointExtensionWorkingDays) errors.Add("extensionCapWorkingDays", "Joint handling may be extended by at most 15 working days.");
        var packageMaterials = allItems.Select(currentItem).Where(i => i is not null).SelectMany(i => i!.Materials.Select(m => m.Code)).ToHashSet();
        foreach (var shared in package.SharedMaterials ?? [])
        {
            if (!packageMaterials.Contains(shared)) errors.Add("sharedMaterials", $"No item of the package has material '{shared}'.");
        }

        return errors.ToDictionary();
    }

    /// <summary>Whether <paramref name="a"/> is longer than <paramref name="b"/> (office-time equivalent across kinds).</summary>
    private static bool Exceeds(DeadlinePeriod a, DeadlinePeriod b) =>
        a.WorkingDays is { } x && b.WorkingDays is { } y ? x > y : a.ApproximateWorkingTime > b.ApproximateWorkingTime;

    private static void Duplicates(IEnumerable<string?> codes, string field, ErrorList errors)
    {
        foreach (var code in codes.Where(c => c is not null).GroupBy(c => c).Where(g => g.Count() > 1))
        {
            errors.Add(field, $"Duplicate code '{code.Key}'.");
        }
    }

    private static bool HasCycle(IReadOnlyList<PackageStage> stages)
    {
        var after = stages.ToDictionary(s => s.Code, s => s.After ?? []);
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        bool Visit(string code)
        {
            if (state.GetValueOrDefault(code) == 2) return false;
            if (state.GetValueOrDefault(code) == 1) return true;
            state[code] = 1;
            if (after.TryGetValue(code, out var next) && next.Any(Visit)) return true;
            state[code] = 2;
            return false;
        }

        return stages.Any(s => Visit(s.Code));
    }

    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> errors = [];

        public bool Any => errors.Count > 0;

        public void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}
