using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// A package (套餐, "一件事"): several items handled jointly in stages. Its legal deadline follows the
/// joint-handling rule (Art. 42: 45 working days, extendable once by 15). Versions are immutable.
/// </summary>
public sealed record ServicePackage
{
    public const int JointLegalWorkingDays = 45;
    public const int JointExtensionWorkingDays = 15;

    public required string Code { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; }
    public string Description { get; init; } = "";
    public required IReadOnlyList<PackageStage> Stages { get; init; }

    /// <summary>Material codes collected once and shared by the items of the package.</summary>
    public IReadOnlyList<string> SharedMaterials { get; init; } = [];

    /// <summary>The promised deadline of the whole package; null means the legal one.</summary>
    public DeadlinePeriod? Deadline { get; init; }

    public DeadlinePeriod LegalDeadline { get; init; } = DeadlinePeriod.OfWorkingDays(JointLegalWorkingDays);
    public int ExtensionCapWorkingDays { get; init; } = JointExtensionWorkingDays;
}
