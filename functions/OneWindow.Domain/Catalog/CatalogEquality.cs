using System.Text.Json;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// Content equality of catalog entries, ignoring the version. Records compare lists by reference, so
/// the comparison goes through their JSON form.
/// </summary>
public static class CatalogEquality
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static bool SameItem(ServiceItem a, ServiceItem b) => Same(a with { Version = 0 }, b with { Version = 0 });

    public static bool SameDepartment(Department a, Department b) => Same(a with { Version = 0 }, b with { Version = 0 });

    public static bool SamePackage(ServicePackage a, ServicePackage b) => Same(a with { Version = 0 }, b with { Version = 0 });

    private static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options);
}
