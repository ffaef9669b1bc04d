namespace OneWindow.Hosting.Identity;

/// <summary>Body of <c>POST /api/dev/tokens</c>.</summary>
public sealed record DevelopmentTokenRequest(string? Subject, string? Name, IReadOnlyList<string>? Roles, string? Department);
