namespace OneWindow.Domain.Review;

/// <summary>Queue names of the review feature.</summary>
public static class ReviewQueues
{
    /// <summary>Outbound notices to department systems (<see cref="DepartmentNotice"/>).</summary>
    public const string DepartmentNotices = "department-notices";

    /// <summary>Review SMS (<see cref="ReviewSmsNotice"/>) to applicants, chief representatives and supervisors.</summary>
    public const string ReviewSms = "review-sms-outbox";
}
