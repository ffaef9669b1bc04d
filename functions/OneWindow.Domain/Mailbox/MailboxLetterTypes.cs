namespace OneWindow.Domain.Mailbox;

/// <summary>The three kinds of letter to the government mailbox (政府信箱), each a catalog item with its promised deadline.</summary>
public static class MailboxLetterTypes
{
    /// <summary>咨询: a question about a service or a rule.</summary>
    public const string Consultation = "consultation";
    /// <summary>投诉: a complaint; a reply rated 1–2 reopens it once, to the department's chief.</summary>
    public const string Complaint = "complaint";
    /// <summary>建议: a suggestion; answered suggestions are listed publicly, without personal data.</summary>
    public const string Suggestion = "suggestion";

    public static readonly IReadOnlyList<string> All = [Consultation, Complaint, Suggestion];
}
