namespace OneWindow.Domain.Disclosure;

/// <summary>The statuses of a disclosure request, as its applicant and the supervisors see them.</summary>
public static class DisclosureStatus
{
    /// <summary>Waiting for the office to accept and route it (or ask for a clarification).</summary>
    public const string Received = "received";
    /// <summary>The office asked for a clarification; the clock stands until it arrives.</summary>
    public const string ClarificationRequired = "clarification-required";
    /// <summary>With the department that holds the information.</summary>
    public const string InProgress = "in-progress";
    /// <summary>Answered; a disclosed file is available for download (electronic) or on its way (paper, until delivered).</summary>
    public const string Answered = "answered";
    /// <summary>The paper answer was signed for.</summary>
    public const string Delivered = "delivered";
    /// <summary>The clarification did not come in time: the request counts as withdrawn (Art. 30).</summary>
    public const string Withdrawn = "withdrawn";
}
