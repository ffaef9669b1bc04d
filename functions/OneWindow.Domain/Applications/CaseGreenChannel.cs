namespace OneWindow.Domain.Applications;

/// <summary>A case put on the green channel (绿色通道) by a clerk or chief: why, by whom (actor reference), when.</summary>
public sealed record CaseGreenChannel(string Reason, string Actor, DateTimeOffset At);
