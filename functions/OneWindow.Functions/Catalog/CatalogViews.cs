using OneWindow.Domain.Catalog;

namespace OneWindow.Functions.Catalog;

/// <summary>The public shapes of API.md (camelCase, ISO 8601 durations via DeadlinePeriod's converter).</summary>
internal static class CatalogViews
{
    public static object Material(Material m) => new { m.Code, m.Name, m.Required, m.Deferrable };

    public static object Summary(ServiceItem item) => new
    {
        item.Code,
        item.Name,
        item.Department,
        item.Kind,
        item.Deadline,
        item.LegalDeadline,
        Materials = item.Materials.Select(Material),
        item.Visits,
    };

    /// <summary>The full guide; <paramref name="selected"/> is the exact material list when answers were given.</summary>
    public static object Guide(ServiceItem item, Department? department, IReadOnlyList<Material>? selected) => new
    {
        item.Code,
        item.Name,
        item.Department,
        DepartmentName = department?.Name,
        item.Kind,
        item.Version,
        item.Deadline,
        item.LegalDeadline,
        Warning = item.Warning,
        item.ExtensionCapWorkingDays,
        item.HandOffDeadline,
        item.GreenChannel,
        item.Visits,
        item.LegalBasis,
        item.Conditions,
        Fees = item.Fees.Select(f => new { f.Name, f.Amount, f.Basis }),
        item.Forms,
        Questions = item.Questions.Select(q => new { q.Code, q.Text, q.Options }),
        Materials = item.Materials.Select(m => new { m.Code, m.Name, m.Required, m.Deferrable, m.When }),
        SelectedMaterials = selected?.Select(Material),
    };

    public static object Package(ServicePackage package) => new
    {
        package.Code,
        package.Name,
        package.Version,
        package.Description,
        Stages = package.Stages.Select(s => new { s.Code, s.Name, s.LeadDepartment, s.Items, s.After }),
        package.SharedMaterials,
        package.Deadline,
        package.LegalDeadline,
        package.ExtensionCapWorkingDays,
    };
}
