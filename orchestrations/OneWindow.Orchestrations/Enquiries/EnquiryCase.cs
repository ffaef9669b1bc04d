namespace OneWindow.Orchestrations.Enquiries;

/// <summary>
/// Input of the disclosure and mailbox orchestrations (instance id = case id): references and times only, never personal
/// data; <paramref name="ClockOffset"/> is business time minus real time when it was submitted (zero but in Development).
/// </summary>
public sealed record EnquiryCase(string ApplicationId, DateTimeOffset SubmittedAt, TimeSpan ClockOffset = default);
