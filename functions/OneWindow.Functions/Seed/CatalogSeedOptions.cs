namespace OneWindow.Functions.Seed;

/// <summary>Whether to seed the demo county at start-up, and where the provider sandbox plays department systems.</summary>
/// <remarks><see cref="SeedDemoCounty"/> null means: seed in the Development environment only.</remarks>
public sealed record CatalogSeedOptions(bool? SeedDemoCounty, Uri SandboxBaseUrl);
