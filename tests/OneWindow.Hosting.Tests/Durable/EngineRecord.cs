namespace OneWindow.Hosting.Tests.Durable;

/// <summary>A payload whose JSON is camelCase under the web defaults.</summary>
public sealed record EngineRecord(string CustomerName, int VisitCount, DateTimeOffset SeenAt, IReadOnlyList<string> Tags);
