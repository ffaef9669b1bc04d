namespace OneWindow.Orchestrations.Enquiries;

/// <summary>Input of the enquiry activities: the case, the task whose outcome they record (if any) and the round (a reopened letter is round 2).</summary>
public sealed record EnquiryStep(string ApplicationId, string? TaskId = null, int Round = 1);
