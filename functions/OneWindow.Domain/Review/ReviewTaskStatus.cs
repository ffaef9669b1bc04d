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

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Waiting, InReview, CorrectionRequired, Suspended, Approved, Rejected, Cancelled,
    };

    public static bool IsOpen(string status) => status is not (Approved or Rejected or Cancelled);
}
