namespace OneWindow.Domain.Applications;

/// <summary>The wire names of <see cref="ApplicationStatus"/> (API.md: submitted, accepted, in-review, ...).</summary>
public static class ApplicationStatusNames
{
    public static string ToWire(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.Accepted => "accepted",
        ApplicationStatus.InReview => "in-review",
        ApplicationStatus.CorrectionRequired => "correction-required",
        ApplicationStatus.Suspended => "suspended",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Rejected => "rejected",
        ApplicationStatus.Terminated => "terminated",
        ApplicationStatus.Delivered => "delivered",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ApplicationStatus? FromWire(string? value) =>
        Enum.GetValues<ApplicationStatus>().Select(s => (ApplicationStatus?)s).FirstOrDefault(s => ToWire(s!.Value) == value);
}
