namespace OneWindow.Hosting.Identity;

/// <summary>Body of <c>POST /api/dev/tokens</c>; <paramref name="Lifetime"/> is an ISO 8601 duration (one hour when absent).</summary>
public sealed record DevelopmentTokenRequest(string? Subject, string? Name, IReadOnlyList<string>? Roles, string? Department, string? Lifetime = null);
