using Microsoft.Azure.Cosmos;

namespace OneWindow.Functions.Catalog;

/// <summary>The catalog's Cosmos container, typed so it does not collide with other features' containers in DI.</summary>
public sealed record CatalogContainer(Container Container);
