using System.Text.Json;

namespace OneWindow.Functions.Catalog;

/// <summary>Body of <c>POST /api/catalog/items/{code}/material-list</c>.</summary>
public sealed record MaterialListRequest(Dictionary<string, JsonElement>? Answers);
