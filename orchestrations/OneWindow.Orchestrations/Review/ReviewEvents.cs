namespace OneWindow.Orchestrations.Review;

/// <summary>
/// External events of the review orchestrations (docs/orchestrations.md has the table: payload, who raises it, which
/// instance receives it). The worklist routes and the department webhook raise the same ones.
/// </summary>
public static class ReviewEvents
{
    /// <summary>To a task's instance: the department decided (<see cref="DecisionMade"/>); the task document already holds it.</summary>
    public const string Decision = "Decision";

    /// <summary>To a task's instance: the clock stops (<see cref="ClockEvent"/>).</summary>
    public const string Suspension = "Suspension";

    /// <summary>To a task's instance: the clock runs again (<see cref="ClockEvent"/>).</summary>
    public const string Resumption = "Resumption";

    /// <summary>To a task's instance: the chief approved an extension (<see cref="ClockEvent"/>).</summary>
    public const string Extension = "Extension";

    /// <summary>To a task's instance: a consulted department answered (<see cref="ClockEvent"/>, reference = consultation id).</summary>
    public const string ConsultationAnswer = "ConsultationAnswer";

    /// <summary>To a task's instance, forwarded by the application instance: the applicant answered a correction notice.</summary>
    public const string CorrectionsReceived = "CorrectionsReceived";

    /// <summary>To a task's instance, from the application instance: stop, the case ended elsewhere (<see cref="CancelReview"/>).</summary>
    public const string Cancel = "Cancel";

    /// <summary>To the application instance: a clerk or chief terminated the case (<see cref="CancelReview"/> with the reason).</summary>
    public const string Termination = "Termination";

    /// <summary>A new event id for an event a route raises: the task's orchestration acts once on each id.</summary>
    public static string NewEventId() => Guid.NewGuid().ToString("N");
}
