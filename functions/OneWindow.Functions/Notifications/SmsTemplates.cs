using System.Globalization;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Disclosure;
using OneWindow.Orchestrations.Enquiries;
using OneWindow.Functions.Licences;

namespace OneWindow.Functions.Notifications;

/// <summary>
/// The applicant SMS templates, in Chinese as applicants read them: accepted, correction needed, rejected at the window,
/// fee due, ready for pickup (with the code), dispatched (with the waybill), delivered, and licence expiring. The review's
/// own (suspension, extension, decision, escalations to chiefs and supervisors) are in <see cref="ReviewSmsTemplates"/>, beside these.
/// Only the case number, item name, amounts, codes and dates are filled in; never a name, ID number or address.
/// </summary>
public static class SmsTemplates
{
    private const string Signature = "【示范县政务服务】";

    /// <summary>The template and text of <paramref name="smsEvent"/>; <paramref name="pickupCode"/> only for <c>ready-for-pickup</c>.</summary>
    public static (string Template, string Text) For(string smsEvent, ApplicationRecord application, string? pickupCode = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (application.Kind != CaseKinds.Licensing) return ForEnquiry(smsEvent, application);
        var mine = $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）";
        var delivery = application.Delivery;
        return smsEvent switch
        {
            "accepted" when application.DeferredSupplyDueAt is { } due => ("application-accepted-deferred",
                $"{mine}已容缺受理，请于{Local(due)}前补齐材料（{ReviewSmsTemplates.DeferredMaterialNames(application)}），逾期将终止办理。"),
            "accepted" => ("application-accepted", $"{mine}已受理，可凭办件号查询办理进度。"),
            "rejected" => ("application-rejected", $"{mine}不予受理，原因：{application.RejectionReason}。如有疑问请联系综合窗口。"),
            _ when smsEvent.StartsWith("corr-", StringComparison.Ordinal) => ("application-correction",
                $"{mine}材料需要补正，请登录查看一次性告知的全部补正内容并提交。"),
            "fee-due" => ("fee-due",
                $"{mine}已审批通过，需缴纳费用{Yuan(delivery?.Fee?.Amount)}元，缴款码 {delivery?.Fee?.PaymentNotice}，可通过银行柜台或网上银行缴纳，缴费后将发放证照。"),
            "ready-for-pickup" => ("ready-for-pickup",
                $"{mine}证照已制发，请携带本人身份证件到综合窗口领取，取件码 {pickupCode}，请勿告知他人。"),
            "dispatched" => ("dispatched", $"{mine}证照已交寄，快递单号 {delivery?.Waybill}，请注意查收。"),
            "delivered" => ("delivered", $"{mine}证照已送达，办件办结。欢迎对本次服务进行评价。"),
            _ when LicenceReminder.TryParse(smsEvent, out var days, out var number) => ("licence-expiring",
                $"{Signature}您持有的证照（编号 {number}）有效期将于{days}日内届满，如需继续从事相关活动，请及时申请延续。"),
            _ => throw new ArgumentOutOfRangeException(nameof(smsEvent), smsEvent, "No SMS template for this event."),
        };
    }


    /// <summary>The SMS of a disclosure request or a mailbox letter (never to an anonymous writer: the function sends none).</summary>
    private static (string Template, string Text) ForEnquiry(string smsEvent, ApplicationRecord application)
    {
        var disclosure = application.Disclosure;
        var mine = disclosure is not null
            ? $"{Signature}您的政府信息公开申请（办件号 {application.Number}）"
            : $"{Signature}您的来信“{Excerpt(application.Letter?.Subject, 20)}”（编号 {application.Number}）";
        return smsEvent switch
        {
            EnquiryActivities.AcceptedSms => ("enquiry-accepted", $"{mine}已受理并转承办部门办理，将于{Local(application.DueAt ?? application.SubmittedAt)}前答复。"),
            EnquiryActivities.ClarificationSms => ("disclosure-clarification",
                $"{mine}需要补正说明：{Excerpt(disclosure?.Clarification?.Question, 100)}。请于{Local(disclosure?.Clarification?.DueAt ?? application.SubmittedAt)}前登录提交，逾期视为放弃申请。"),
            EnquiryActivities.WithdrawnSms => ("disclosure-withdrawn", $"{mine}未在期限内补正说明，视为放弃申请。"),
            EnquiryActivities.AnsweredSms => ("disclosure-answered", $"{mine}已答复：{DisclosureAnswer(disclosure)}"),
            "dispatched" => ("disclosure-dispatched", $"{mine}的答复材料已交寄，快递单号 {application.Delivery?.Waybill}，请注意查收。"),
            "delivered" => ("disclosure-delivered", $"{mine}的答复材料已送达。"),
            EnquiryActivities.ReopenedSms => ("mailbox-reopened", $"{mine}已转部门负责人重新办理，请留意答复。"),
            _ when smsEvent.StartsWith("mailbox-replied-", StringComparison.Ordinal) => ("mailbox-replied",
                $"{mine}已答复：{Excerpt(application.Letter?.Replies is { Count: > 0 } replies ? replies[^1].Text : null, 200).TrimEnd('。', '.', '！', '!')}。欢迎登录对答复进行评价。"),
            _ => throw new ArgumentOutOfRangeException(nameof(smsEvent), smsEvent, "No SMS template for this event."),
        };
    }

    private static string DisclosureAnswer(DisclosureRequest? request) => request?.Answer is not { } answer ? "请登录查看。" : answer.Type switch
    {
        DisclosureAnswerTypes.Disclosed or DisclosureAnswerTypes.PartlyDisclosed => (answer.Type == DisclosureAnswerTypes.Disclosed ? "予以公开" : "部分公开")
            + (request.Form == DisclosureForms.Paper ? "，纸质材料将以快递寄送。" : "，请登录下载公开的信息。"),
        DisclosureAnswerTypes.NotDisclosed => $"不予公开，依据：{answer.LegalGround}。详情请登录查看。",
        DisclosureAnswerTypes.DoesNotExist => "经检索，您申请的信息不存在。详情请登录查看。",
        _ => $"您申请的信息不属于本机关掌握，请向{answer.ReferTo}申请。",
    };

    /// <summary>At most <paramref name="length"/> characters of a person's text, on one line.</summary>
    private static string Excerpt(string? text, int length)
    {
        var line = (text ?? "").ReplaceLineEndings(" ").Trim();
        return line.Length <= length ? line : line[..length] + "…";
    }

    private static string Local(DateTimeOffset at) => WorkingDayCalendar.ToLocal(at).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    private static string Yuan(decimal? amount) => (amount ?? 0m).ToString("0.00", CultureInfo.InvariantCulture);
}
