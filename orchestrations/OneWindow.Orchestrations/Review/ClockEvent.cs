namespace OneWindow.Orchestrations.Review;

/// <summary>
/// Payload of suspension, resumption, extension and consultation answers: when and by whom (details are on the task
/// document); <paramref name="EventId"/> is unique per route call, so a repeated delivery is acted on once.
/// </summary>
public sealed record ClockEvent(DateTimeOffset At, string Actor, string? Reference = null, string? EventId = null);
