namespace OneWindow.Domain.Catalog;

/// <summary>The stable values of <see cref="ServiceItem.Kind"/>.</summary>
public static class ServiceItemKinds
{
    /// <summary>行政许可.</summary>
    public const string AdministrativeLicence = "administrative-licence";
    /// <summary>公共服务.</summary>
    public const string PublicService = "public-service";
    /// <summary>便民服务.</summary>
    public const string Convenience = "convenience";

    public static readonly IReadOnlyList<string> All = [AdministrativeLicence, PublicService, Convenience];
}
