using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// A service item (事项) at one version. Versions are immutable: a case keeps the version it started with.
/// </summary>
public sealed record ServiceItem
{
    /// <summary>Default extension cap (Administrative Licensing Law Art. 42: once, 10 working days).</summary>
    public const int DefaultExtensionCapWorkingDays = 10;

    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Department { get; init; }
    public required string Kind { get; init; }
    public int Version { get; init; }

    /// <summary>The promised deadline (承诺时限).</summary>
    public required DeadlinePeriod Deadline { get; init; }

    /// <summary>The legal deadline (法定时限).</summary>
    public required DeadlinePeriod LegalDeadline { get; init; }

    /// <summary>When to warn before the promised deadline; null means the default of decision 0300.</summary>
    public DeadlinePeriod? Warning { get; init; }

    /// <summary>How long one extension may be, in working days (once per case).</summary>
    public int ExtensionCapWorkingDays { get; init; } = DefaultExtensionCapWorkingDays;

    /// <summary>
    /// For disclosure and mailbox items: how long the handling office has to accept the request or letter and hand it to a
    /// department (its intake task's deadline); null means one working day.
    /// </summary>
    public DeadlinePeriod? HandOffDeadline { get; init; }

    public GreenChannel? GreenChannel { get; init; }
    public int Visits { get; init; }
    public string LegalBasis { get; init; } = "";
    public string Conditions { get; init; } = "";
    public IReadOnlyList<Fee> Fees { get; init; } = [];
    public IReadOnlyList<string> Forms { get; init; } = [];
    public IReadOnlyList<SituationQuestion> Questions { get; init; } = [];
    public IReadOnlyList<Material> Materials { get; init; } = [];

    /// <summary>The licence an approved case produces; null when the item issues none.</summary>
    public LicenceSpec? Licence { get; init; }

    /// <summary>
    /// The exact materials for a set of answers. Unknown questions or options yield errors keyed
    /// <c>answers.{question}</c>; unanswered questions select no conditional material.
    /// </summary>
    public MaterialSelection SelectMaterials(IReadOnlyDictionary<string, string>? answers)
    {
        answers ??= new Dictionary<string, string>();
        var errors = new Dictionary<string, string[]>();
        foreach (var (question, option) in answers)
        {
            var known = Questions.FirstOrDefault(q => q.Code == question);
            if (known is null) errors[$"answers.{question}"] = [$"Item {Code} has no question '{question}'."];
            else if (!known.Options.Contains(option)) errors[$"answers.{question}"] = [$"'{option}' is not an option of question '{question}' ({string.Join(", ", known.Options)})."];
        }

        return errors.Count > 0
            ? new MaterialSelection([], errors)
            : new MaterialSelection(Materials.Where(m => m.AppliesTo(answers)).ToArray(), errors);
    }
}
