namespace OneWindow.Domain.Review;

/// <summary>Task statuses of API.md.</summary>
public static class ReviewTaskStatus
{
    public const string Waiting = "waiting";
    public const string InReview = "in-review";
    public const string CorrectionRequired = "correction-required";
    public const string Suspended = "suspended";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";

    /// <summary>An intake task whose request or letter the office handed to a department.</summary>
    public const string HandedOver = "handed-over";

    /// <summary>An intake task that asked the applicant to clarify the request.</summary>
    public const string ClarificationRequested = "clarification-requested";

    /// <summary>A handling task that answered (a reply, or one of the disclosure answers).</summary>
    public const string Answered = "answered";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Waiting, InReview, CorrectionRequired, Suspended, Approved, Rejected, Cancelled, HandedOver, ClarificationRequested, Answered,
    };

    public static bool IsOpen(string status) => status is not (Approved or Rejected or Cancelled or HandedOver or ClarificationRequested or Answered);
}
