namespace OneWindow.Orchestrations.Review;

/// <summary>Payload of suspension, resumption, extension and consultation answers: when and by whom (details are on the task document).</summary>
public sealed record ClockEvent(DateTimeOffset At, string Actor, string? Reference = null);
