using System.Globalization;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Review;

namespace OneWindow.Functions.Notifications;

/// <summary>Review SMS templates, in Chinese as their readers read them. Case number, item and department names only; no personal data.</summary>
public static class ReviewSmsTemplates
{
    private const string Signature = "【示范县政务服务】";

    public static (string Template, string Text) For(ReviewSmsNotice notice, ApplicationRecord application, ReviewTask? task, Department? department)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(application);
        var name = department?.Name ?? task?.Department ?? "";
        var head = $"{Signature}办件 {application.Number}（{application.ItemName}）";
        var mine = $"{Signature}您申请的“{application.ItemName}”（办件号 {application.Number}）";
        var suspension = task is { Suspensions.Count: > 0 } ? task.Suspensions[^1] : null;
        var correction = application.Corrections.FirstOrDefault(c => c.Id == notice.Event);
        return notice.Event switch
        {
            "warning" => ("review-warning", $"{head}由{name}承办，将于{Local(task?.DueAt)}到达承诺时限，请督促按时办结。"),
            "legal-overdue" => ("review-legal-overdue", $"{head}在{name}已超过法定时限（{Local(task?.LegalDueAt)}），已记入部门统计，请督办。"),
            _ when notice.Event.StartsWith("overdue-", StringComparison.Ordinal) =>
                ("review-overdue", $"{head}在{name}已超过承诺时限（{Local(task?.DueAt)}）仍未办结，请立即督办。"),
            _ when notice.Event.StartsWith("suspended-", StringComparison.Ordinal) =>
                ("review-suspended", $"{mine}因{suspension?.Reason}暂停计时，预计需要{suspension?.ExpectedWorkingDays}个工作日，该期间不计入办理时限。"),
            "extended" => ("review-extended", $"{mine}经批准延长办理时限{task?.ExtensionWorkingDays}个工作日，理由：{task?.ExtensionReason}。"),
            "approved" => ("review-approved", $"{mine}已审批通过，请留意办理结果。"),
            "rejected" => ("review-rejected", $"{mine}未予批准，原因：{application.RejectionReason}。"),
            "terminated" => ("review-terminated", $"{mine}已终止办理，原因：{Reason(application.RejectionReason)}。"),
            "deferred-reminder" => ("review-deferred-reminder",
                $"{mine}为容缺受理，请于{Local(application.DeferredSupplyDueAt)}前补齐材料（{DeferredMaterialNames(application)}），逾期将终止办理。"),
            _ when correction is not null => ("review-correction",
                $"{mine}需要补正材料（{name}）：{string.Join("；", correction.Items.Select(i => i.Message))}。" + (correction.DueAt is { } due ? $"请于{Local(due)}前提交。" : "请尽快提交。")),
            _ => throw new ArgumentOutOfRangeException(nameof(notice), notice.Event, "No review SMS template for this event."),
        };
    }

    /// <summary>The deferred materials by name, as the deferred-materials notice lists them.</summary>
    public static string DeferredMaterialNames(ApplicationRecord application)
    {
        ArgumentNullException.ThrowIfNull(application);
        var notice = application.Corrections.FirstOrDefault(c => c.Id == CorrectionRequest.DeferredId);
        return string.Join("、", notice?.Items.Select(i => i.Message) ?? application.DeferredMaterials);
    }

    /// <summary>Termination reasons recorded as codes, in the applicant's words.</summary>
    private static string? Reason(string? reason) => reason switch
    {
        "deferred-materials-missing" => "逾期未补齐容缺受理材料",
        _ => reason,
    };

    private static string Local(DateTimeOffset? at) =>
        at is { } value ? WorkingDayCalendar.ToLocal(value).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture) : "—";
}
