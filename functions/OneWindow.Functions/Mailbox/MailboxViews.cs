using OneWindow.Domain.Applications;
using OneWindow.Domain.Mailbox;

namespace OneWindow.Functions.Mailbox;

/// <summary>The JSON shapes of mailbox letters: a letter as its readers see it, and the public list's entries.</summary>
internal static class MailboxViews
{
    public static object Full(ApplicationRecord a)
    {
        var l = a.Letter!;
        return new
        {
            id = a.Id,
            number = a.Number,
            kind = a.Kind,
            type = l.Type,
            itemCode = a.ItemCode,
            itemName = a.ItemName,
            status = a.Status,
            submittedAt = a.SubmittedAt,
            dueAt = a.DueAt,
            anonymous = l.Anonymous,
            applicant = l.Anonymous ? null : a.Applicant,
            subject = l.Subject,
            content = l.Content,
            department = l.Department,
            replies = l.Replies.Select(r => new { round = r.Round, text = r.Text, department = r.Department, repliedAt = r.RepliedAt }),
            ratings = l.Ratings.Select(r => new { round = r.Round, score = r.Score, comment = r.Comment, at = r.At }),
            ratableRound = l.RatableRound,
            reopened = l.Reopened,
            tasks = a.Stages.SelectMany(s => s.Tasks).Select(t => new { id = t.Id, kind = t.Kind, department = t.Department, status = t.Status, warningAt = t.WarningAt, dueAt = t.DueAt, legalDueAt = t.LegalDueAt, decidedAt = t.DecidedAt }),
        };
    }

    public static object Public(PublicReply r) => new
    {
        number = r.Number,
        subject = r.Subject,
        content = r.Content,
        reply = r.Reply,
        department = r.Department,
        submittedAt = r.SubmittedAt,
        repliedAt = r.RepliedAt,
    };
}
