using OneWindow.Domain.Applications;
using OneWindow.Functions.Applications;

namespace OneWindow.Functions.Disclosure;

/// <summary>The JSON shape of a disclosure request (docs/disclosure-and-mailbox.md): the common case view's fields and the request's own.</summary>
internal static class DisclosureViews
{
    /// <summary>The request as its readers see it; <paramref name="fileUrl"/> is a download link of the disclosed file, when there is one.</summary>
    public static object Full(ApplicationRecord a, string? fileUrl)
    {
        var d = a.Disclosure!;
        return new
        {
            id = a.Id,
            number = a.Number,
            kind = a.Kind,
            itemCode = a.ItemCode,
            itemName = a.ItemName,
            status = a.Status,
            submittedAt = a.SubmittedAt,
            receivedAt = d.ReceivedAt,
            dueAt = a.DueAt,
            legalDueAt = a.LegalDueAt,
            applicant = a.Applicant,
            description = d.Description,
            purpose = d.Purpose,
            form = d.Form,
            holdingDepartment = d.HoldingDepartment,
            clarification = d.Clarification is { } c ? new { question = c.Question, askedAt = c.AskedAt, dueAt = c.DueAt, text = c.Text, answeredAt = c.AnsweredAt } : null,
            answer = d.Answer is { } x ? new
            {
                type = x.Type,
                explanation = x.Explanation,
                legalGround = x.LegalGround,
                referTo = x.ReferTo,
                department = x.Department,
                answeredAt = x.AnsweredAt,
                file = x.File is { } f ? new { size = f.Size, sha256 = f.Sha256, contentType = f.ContentType, downloadUrl = fileUrl } : null,
            } : null,
            tasks = a.Stages.SelectMany(s => s.Tasks).Select(t => new { id = t.Id, kind = t.Kind, department = t.Department, status = t.Status, warningAt = t.WarningAt, dueAt = t.DueAt, legalDueAt = t.LegalDueAt, decidedAt = t.DecidedAt, decision = t.Decision }),
            delivery = Delivery.DeliveryViews.Of(a, null),
            decidedAt = a.DecidedAt,
        };
    }
}
