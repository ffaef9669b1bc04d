namespace OneWindow.Orchestrations.Enquiries;

/// <summary>Payload of <see cref="EnquiryEvents.ClarificationReceived"/>: when the clarified request arrived (the statutory clock starts again there).</summary>
public sealed record ClarificationReceived(DateTimeOffset At);
