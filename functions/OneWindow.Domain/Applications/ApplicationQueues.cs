namespace OneWindow.Domain.Applications;

/// <summary>Queue names of the applications feature.</summary>
public static class ApplicationQueues
{
    /// <summary>SMS notices (<see cref="SmsNotice"/>), consumed by the SMS function.</summary>
    public const string SmsOutbox = "sms-outbox";
}
