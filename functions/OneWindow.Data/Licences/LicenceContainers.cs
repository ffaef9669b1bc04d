namespace OneWindow.Data.Licences;

/// <summary>The Cosmos container and blob containers of licences (docs/data-model.md).</summary>
public static class LicenceContainers
{
    public const string PartitionKeyPath = "/id";

    /// <summary>Cosmos: <c>lic-&lt;number&gt;</c>, <c>claim-…</c>, <c>holder-&lt;hash&gt;</c>, <c>expiry-&lt;yyyyMM&gt;</c>.</summary>
    public const string Licences = "licences";

    /// <summary>Blob: the licences' PDFs.</summary>
    public const string Files = "licences";

    /// <summary>Blob (Development only): the issuers' generated signing keys (decision 0700).</summary>
    public const string DevelopmentKeys = "licence-keys";

    public static readonly IReadOnlyList<string> All = [Licences];
}
