namespace OneWindow.Data.Catalog;

/// <summary>The stored envelope: Cosmos id and partition key around a domain value.</summary>
internal sealed record CatalogDocument<T>(string Id, string Pk, T Body);
