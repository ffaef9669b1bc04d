namespace OneWindow.Domain.Review;

/// <summary>A supervision alert (API.md "Supervision"); its id names task and level so raising it twice is one alert.</summary>
public sealed record Alert(string Id, string ApplicationId, string Number, string TaskId, string Department, string Level, DateTimeOffset? DueAt, DateTimeOffset RaisedAt)
{
    public const string Warning = "warning";
    public const string Overdue = "overdue";
    public const string LegalOverdue = "legal-overdue";

    /// <summary>A department system could not be reached after every retry.</summary>
    public const string DeliveryFailed = "delivery-failed";

    /// <summary>An SMS kept failing and its message landed in the poison queue.</summary>
    public const string SmsFailed = "sms-failed";

    /// <summary>The courier could not be reached to ship a case's licences after every retry.</summary>
    public const string DispatchFailed = "dispatch-failed";

    /// <summary>A deadline moved earlier when a year's official holiday arrangement replaced the provisional one.</summary>
    public const string DeadlineEarlier = "deadline-earlier";

    public static readonly IReadOnlySet<string> Levels = new HashSet<string>(StringComparer.Ordinal) { Warning, Overdue, LegalOverdue, DeliveryFailed, DeadlineEarlier, SmsFailed, DispatchFailed };

    public static string IdOf(string taskId, string level) => $"{taskId}-{level}";
}
