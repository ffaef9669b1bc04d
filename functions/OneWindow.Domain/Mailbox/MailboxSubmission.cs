using OneWindow.Domain.Applications;

namespace OneWindow.Domain.Mailbox;

/// <summary>A validated <c>POST /api/mailbox</c> body; <see cref="Applicant"/> is null exactly when the letter is anonymous.</summary>
public sealed record MailboxSubmission(string Type, string Subject, string Content, ApplicantDetails? Applicant)
{
    public bool Anonymous => Applicant is null;
}
