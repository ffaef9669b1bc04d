namespace OneWindow.Domain.Applications;

/// <summary>Lifecycle of an application; <see cref="ApplicationStatusNames"/> gives the API.md spelling.</summary>
public enum ApplicationStatus
{
    Submitted,
    Accepted,
    InReview,
    CorrectionRequired,
    Suspended,
    Approved,
    Rejected,
    Terminated,
    Delivered,
}
