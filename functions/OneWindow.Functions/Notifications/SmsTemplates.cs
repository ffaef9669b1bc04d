using OneWindow.Domain.Applications;

namespace OneWindow.Functions.Notifications;

/// <summary>The applicant SMS templates, in Chinese as applicants read them. Only the number and item name are filled in.</summary>
public static class SmsTemplates
{
    private const string Signature = "【示范县政务服务】";

    public static (string Template, string Text) For(string smsEvent, ApplicationRecord application) => smsEvent switch
    {
        "accepted" when application.DeferredSupplyDueAt is { } due => ("application-accepted-deferred",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）已容缺受理，请于{Local(due)}前补齐材料（{OneWindow.Functions.Review.ReviewSmsTemplates.DeferredMaterialNames(application)}），逾期将终止办理。"),
        "accepted" => ("application-accepted",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）已受理，可凭办件号查询办理进度。"),
        "rejected" => ("application-rejected",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）不予受理，原因：{application.RejectionReason}。如有疑问请联系综合窗口。"),
        _ when smsEvent.StartsWith("corr-", StringComparison.Ordinal) => ("application-correction",
            $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）材料需要补正，请登录查看一次性告知的全部补正内容并提交。"),
        _ => throw new ArgumentOutOfRangeException(nameof(smsEvent), smsEvent, "No SMS template for this event."),
    };

    private static string Local(DateTimeOffset at) =>
        OneWindow.Domain.Calendar.WorkingDayCalendar.ToLocal(at).ToString("M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
