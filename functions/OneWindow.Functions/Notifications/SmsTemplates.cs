using OneWindow.Domain.Applications;
using OneWindow.Functions.Licences;

namespace OneWindow.Functions.Notifications;

/// <summary>The applicant SMS templates, in Chinese as applicants read them. Only the number and item name are filled in.</summary>
public static class SmsTemplates
{
    private const string Signature = "【示范县政务服务】";

    public static (string Template, string Text) For(string smsEvent, ApplicationRecord application) => smsEvent switch
    {
        "accepted" => ("application-accepted",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）已受理，可凭办件号查询办理进度。"),
        "rejected" => ("application-rejected",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）不予受理，原因：{application.RejectionReason}。如有疑问请联系综合窗口。"),
        _ when smsEvent.StartsWith("corr-", StringComparison.Ordinal) => ("application-correction",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）材料需要补正，请登录查看一次性告知的全部补正内容并提交。"),
        _ when LicenceReminder.TryParse(smsEvent, out var days, out var number) => ("licence-expiring",
            $"{Signature}您持有的证照（编号 {number}）有效期将于{days}日内届满，如需继续从事相关活动，请及时申请延续。"),
        _ => throw new ArgumentOutOfRangeException(nameof(smsEvent), smsEvent, "No SMS template for this event."),
    };
}
