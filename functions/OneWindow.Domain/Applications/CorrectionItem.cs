namespace OneWindow.Domain.Applications;

/// <summary>One thing to correct, optionally tied to a material.</summary>
public sealed record CorrectionItem(string? MaterialCode, string Message);
