namespace OneWindow.Domain.Catalog;

/// <summary>
/// The pre-notice of a package (一次告知): every material once (shared ones collected once for all items), and
/// the expected working days: a stage takes its slowest item's promised deadline, the package the longest
/// chain of stages. Same-day (duration) items count as zero working days.
/// </summary>
public sealed record PackagePlan(string Code, string Name, int Version, IReadOnlyList<PackagePlanStage> Stages, IReadOnlyList<PackagePlanMaterial> Materials, int ExpectedWorkingDays)
{
    public static PackagePlan For(ServicePackage package, IReadOnlyDictionary<string, ServiceItem> items)
    {
        var stages = package.Stages.Select(s => new PackagePlanStage(
            s.Code,
            s.Name,
            s.LeadDepartment,
            s.Items,
            s.Items.Select(i => items.TryGetValue(i, out var item) ? item.Deadline.WorkingDays ?? 0 : 0).DefaultIfEmpty(0).Max())).ToArray();

        var finish = new Dictionary<string, int>();
        int Finish(PackageStage stage) =>
            finish.TryGetValue(stage.Code, out var done) ? done
            : finish[stage.Code] = stages.Single(s => s.Code == stage.Code).ExpectedWorkingDays
                + stage.After.Select(a => Finish(package.Stages.Single(s => s.Code == a))).DefaultIfEmpty(0).Max();
        var total = package.Stages.Select(Finish).DefaultIfEmpty(0).Max();

        var shared = package.SharedMaterials.ToHashSet();
        var materials = package.Stages.SelectMany(s => s.Items)
            .Where(items.ContainsKey)
            .SelectMany(code => items[code].Materials.Select(m => (Item: code, Material: m)))
            .GroupBy(x => shared.Contains(x.Material.Code) ? x.Material.Code : $"{x.Item}/{x.Material.Code}")
            .Select(g => new PackagePlanMaterial(
                g.First().Material.Code,
                g.First().Material.Name,
                g.Select(x => x.Item).Distinct().ToArray(),
                g.Any(x => x.Material.Required),
                g.All(x => x.Material.Deferrable),
                shared.Contains(g.First().Material.Code)))
            .ToArray();
        return new PackagePlan(package.Code, package.Name, package.Version, stages, materials, total);
    }

    /// <summary>
    /// The pre-notice of a single item, shaped as a one-stage plan so front ends show items and packages alike:
    /// the given materials (the item's own, or those its situation answers select) and its promised working days.
    /// </summary>
    public static PackagePlan ForItem(ServiceItem item, IReadOnlyList<Material> materials)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(materials);
        var days = item.Deadline.WorkingDays ?? 0;
        return new PackagePlan(
            item.Code,
            item.Name,
            item.Version,
            [new PackagePlanStage(item.Code, item.Name, item.Department, [item.Code], days)],
            materials.Select(m => new PackagePlanMaterial(m.Code, m.Name, [item.Code], m.Required, m.Deferrable, false)).ToArray(),
            days);
    }
}
