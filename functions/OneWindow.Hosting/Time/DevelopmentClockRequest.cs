namespace OneWindow.Hosting.Time;

/// <summary>Body of <c>POST /api/dev/clock</c>: an ISO 8601 duration such as <c>P1D</c> or <c>PT2H</c>.</summary>
public sealed record DevelopmentClockRequest(string? Advance);
