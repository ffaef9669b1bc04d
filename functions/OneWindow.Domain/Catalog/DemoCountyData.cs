using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>The demo county's departments, items and packages (seeded idempotently by <see cref="CatalogSeeder"/>).</summary>
public sealed record DemoCountyData(IReadOnlyList<Department> Departments, IReadOnlyList<ServiceItem> Items, IReadOnlyList<ServicePackage> Packages);
