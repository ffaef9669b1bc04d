using System.Globalization;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Review;

namespace OneWindow.Domain.Supervision;

/// <summary>
/// A case's history told in domain terms, from the documents that record it: the application (submission, the window's
/// corrections and acceptance, the outcome) and each task's own history (assignment, escalations, decisions,
/// suspensions, extensions, corrections, consultations, progress), then delivery (fee due and paid, licences issued,
/// dispatched or ready for pickup, delivered by courier or at the window) and the applicant SMS sent. Each step carries the
/// working time since the previous step of its track: the case's own steps form one track, each task another, the SMS a third.
/// </summary>
public static class CaseTimeline
{
    /// <summary>
    /// The applicant SMS the timeline tells, by the tail of their dedupe record's id <c>sms-{id}-{tail}</c>: the case's
    /// own SMS by event, the review outcome's by event and recipient.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ApplicantSms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["accepted"] = "受理通知",
        ["rejected"] = "不予受理通知",
        ["approved-applicant"] = "审批结果通知（准予许可）",
        ["rejected-applicant"] = "审批结果通知（不予许可）",
        ["terminated-applicant"] = "办理终止通知",
        ["fee-due"] = "缴费通知",
        ["ready-for-pickup"] = "领取通知（含取件码）",
        ["dispatched"] = "寄递通知（含快递单号）",
        ["delivered"] = "送达办结通知",
        ["enquiry-accepted"] = "受理转办通知",
        ["clarification"] = "补正说明通知",
        ["withdrawn"] = "视为放弃申请通知",
        ["disclosure-answered"] = "政府信息公开答复通知",
        ["mailbox-replied-1"] = "来信答复通知",
        ["mailbox-replied-2"] = "来信重新答复通知",
        ["mailbox-reopened"] = "投诉重新办理通知",
    };

    /// <summary>Builds the timeline in time order; <paramref name="sentSms"/> are the applicant SMS the gateway accepted (event and time).</summary>
    public static IReadOnlyList<TimelineStep> Build(ApplicationRecord application, IEnumerable<ReviewTask> tasks, WorkingDayCalendar calendar, IEnumerable<(string Event, DateTimeOffset SentAt)>? sentSms = null)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(calendar);
        var steps = new List<TimelineStep>();
        steps.AddRange(Track(calendar, CaseSteps(application).Concat(EnquirySteps(application)).Concat(DeliverySteps(application.Delivery, application.Kind == CaseKinds.Disclosure ? "答复材料" : "证照"))));

        // The SMS form their own track: the working time between two messages says how long the applicant waited.
        steps.AddRange(Track(calendar, (sentSms ?? []).Where(m => ApplicantSms.ContainsKey(m.Event))
            .Select(m => (m.SentAt, "sms-sent", (string?)null, (string?)"orchestration", $"已向申请人发送短信：{ApplicantSms[m.Event]}"))));
        foreach (var task in tasks.OrderBy(t => t.StartedAt))
        {
            steps.AddRange(Track(calendar, task.History.Select(h => Describe(task, h)).OfType<(DateTimeOffset, string, string?, string?, string)>()));
        }

        // At the same moment the outcome comes after the decision that caused it.
        return steps.OrderBy(s => s.At).ThenBy(s => s.Step == "finished").ToArray();
    }

    private static IEnumerable<TimelineStep> Track(WorkingDayCalendar calendar, IEnumerable<(DateTimeOffset At, string Step, string? Department, string? Actor, string Detail)> raw)
    {
        DateTimeOffset? previous = null;
        foreach (var s in raw.OrderBy(r => r.At))
        {
            var took = previous is { } p ? WorkingDaysBetween(calendar, p, s.At) : 0;
            previous = s.At;
            yield return new TimelineStep(s.At, s.Step, s.Department, s.Actor, s.Detail, took);
        }
    }

    /// <summary>Office time between two instants in working days (7 office hours a day), to three decimals.</summary>
    public static double WorkingDaysBetween(WorkingDayCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Math.Round(calendar.CountWorkingDays(from, to).WorkingTime.TotalHours / WorkingDayCalendar.OfficeTimePerDay.TotalHours, 3);
    }

    private static IEnumerable<(DateTimeOffset, string, string?, string?, string)> CaseSteps(ApplicationRecord a)
    {
        yield return (a.SubmittedAt, "submitted", null, a.Letter is { Anonymous: true } ? "anonymous" : "applicant", a.Kind switch
        {
            CaseKinds.Disclosure => "申请人在线提交政府信息公开申请",
            CaseKinds.Mailbox => $"来信人在线提交来信（{a.ItemName}{(a.Letter is { Anonymous: true } ? "，匿名" : "")}）",
            _ => $"申请人在线提交申请（{a.ItemName}）",
        });
        foreach (var c in a.Corrections.Where(c => c.Source != "department"))
        {
            yield return (c.RequestedAt, "correction-requested", null, "clerk", "窗口一次性告知补正：" + string.Join("；", c.Items.Select(i => i.Message)));
            if (c.AnsweredAt is { } answered) yield return (answered, "corrections-received", null, "applicant", "申请人提交补正材料");
        }

        if (a.AcceptedAt is { } accepted && a.Kind == CaseKinds.Licensing)
        {
            yield return a.DeemedAccepted
                ? (accepted, "accepted", null, "timer", "五日内未作答复，自收到材料之日起视为受理（行政许可法第三十二条）")
                : (accepted, "accepted", null, "clerk", "窗口受理");
        }

        if (a.DecidedAt is { } decided && a.Kind == CaseKinds.Licensing)
        {
            var text = a.Status switch
            {
                "approved" or "delivered" => "办结：准予许可",
                "rejected" => "办结：不予许可" + (a.RejectionReason is { Length: > 0 } r ? "，理由：" + r : string.Empty),
                "terminated" => "办理终止" + (a.RejectionReason is { Length: > 0 } t ? "，原因：" + t : string.Empty),
                _ => "办结：" + a.Status,
            };
            yield return (decided, "finished", null, "orchestration", text);
        }
    }

    /// <summary>A disclosure request's clarification, answer or withdrawal; a letter's replies, ratings, reopening and closing.</summary>
    private static IEnumerable<(DateTimeOffset, string, string?, string?, string)> EnquirySteps(ApplicationRecord a)
    {
        if (a.Disclosure is { } d)
        {
            if (d.Clarification is { } c)
            {
                yield return (c.AskedAt, "clarification-requested", null, c.AskedBy, $"要求申请人补正说明（{Local(c.DueAt)}前）：{c.Question}");
                if (c.AnsweredAt is { } answered) yield return (answered, "clarification-received", null, "applicant", "申请人提交补正说明，答复期限重新计算");
            }

            if (d.Answer is { } x) yield return (x.AnsweredAt, "finished", x.Department, x.AnsweredBy, "答复：" + DisclosureAnswerText(x));
            if (a.Status == Disclosure.DisclosureStatus.Withdrawn && a.DecidedAt is { } withdrawn)
                yield return (withdrawn, "finished", null, "timer", "逾期未补正说明，视为放弃申请（政府信息公开条例第三十条）");
        }

        if (a.Letter is { } l)
        {
            foreach (var r in l.Replies) yield return (r.RepliedAt, r.Round == 1 ? "replied" : "replied-again", r.Department, r.RepliedBy, $"答复来信：{r.Text}");
            foreach (var r in l.Ratings) yield return (r.At, "rated", null, "applicant", $"来信人评价答复：{r.Score}分" + (r.Comment is { Length: > 0 } comment ? "，" + comment : ""));
        }
    }

    private static string DisclosureAnswerText(Disclosure.DisclosureAnswer x) => x.Type switch
    {
        Disclosure.DisclosureAnswerTypes.Disclosed => "予以公开",
        Disclosure.DisclosureAnswerTypes.PartlyDisclosed => $"部分公开（不予公开部分的依据：{x.LegalGround}）",
        Disclosure.DisclosureAnswerTypes.NotDisclosed => $"不予公开，依据：{x.LegalGround}",
        Disclosure.DisclosureAnswerTypes.DoesNotExist => "经检索，所申请的信息不存在",
        _ => $"非本机关掌握，告知向{x.ReferTo}申请",
    } + "。" + x.Explanation;

    private static string Local(DateTimeOffset at) => WorkingDayCalendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static IEnumerable<(DateTimeOffset, string, string?, string?, string)> DeliverySteps(CaseDelivery? d, string what)
    {
        if (d is null) yield break;
        if (d.Fee is { Status: not CaseFee.Waived, AssessedAt: { } assessed } fee)
        {
            yield return (assessed, "fee-due", null, "orchestration", $"核定应缴费用 {Yuan(fee.Amount)} 元，缴款通知书 {fee.PaymentNotice}");
        }

        if (d.Fee is { PaidAt: { } paid })
        {
            yield return (paid, "fee-paid", null, "bank", $"申请人已缴费 {Yuan(d.Fee.Amount)} 元（银行流水 {d.Fee.TransactionId}）");
        }

        if (d.LicencesIssuedAt is { } issued)
        {
            yield return (issued, "licence-issued", null, "orchestration", "证照已制发：" + string.Join("、", d.Documents));
        }

        if (d.DispatchedAt is { } dispatched)
        {
            yield return (dispatched, "dispatched", null, "courier", $"{what}已交寄快递，运单号 {d.Waybill}");
        }

        if (d.ReadyAt is { } ready)
        {
            yield return (ready, "ready-for-pickup", null, "orchestration", "证照已备妥，待申请人到综合窗口凭取件码领取");
        }

        if (d.DeliveredAt is { } delivered)
        {
            yield return d.Waybill is not null
                ? (delivered, "delivered", null, d.DeliveredBy ?? "courier", $"快递已签收（运单号 {d.Waybill}），{what}送达，办件办结")
                : (delivered, "delivered", null, d.DeliveredBy ?? "clerk", "申请人已在综合窗口领取证照，办件办结");
        }
    }

    private static string Yuan(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static (DateTimeOffset, string, string?, string?, string)? Describe(ReviewTask task, TaskEvent e)
    {
        var d = task.Department;
        var kind = task.Kind switch
        {
            ReviewTask.Consolidation => "牵头部门汇总意见",
            ReviewTask.Consultation => "征求意见",
            ReviewTask.Intake => "受理分办",
            ReviewTask.Handling => task.ChiefOnly ? "部门负责人重新办理" : "办理答复",
            _ => "审查",
        };
        if (e.Type.StartsWith("overdue-", StringComparison.Ordinal))
        {
            var round = e.Type["overdue-".Length..];
            return (e.At, "overdue", d, e.Actor, $"超过承诺时限（第{round}次催办），已升级至部门首席代表和督查人员");
        }

        return e.Type switch
        {
            "created" => (e.At, "task-assigned", d, e.Actor, $"任务派发至{d}（{kind}，事项 {task.ItemCode}）"),
            "warning" => (e.At, "warning", d, e.Actor, "临近承诺时限预警，已短信提醒部门首席代表"),
            "legal-overdue" => (e.At, "legal-overdue", d, e.Actor, "超过法定时限，已升级至督查人员"),
            "decision" => (e.At, "decided", d, e.Actor, DecisionText(task, e.Detail)),
            "suspended" => (e.At, "suspended", d, e.Actor, "暂停计时：" + e.Detail),
            "resumed" => (e.At, "resumed", d, e.Actor, "恢复计时"),
            "extended" => (e.At, "extended", d, e.Actor, "经首席代表批准延期：" + ExtensionText(e.Detail)),
            "deadlines-moved" or "deadlines-extended" => (e.At, "deadline-moved", d, e.Actor, "时限顺延至 " + LocalTime(e.Detail)),
            "correction-requested" => (e.At, "correction-requested", d, e.Actor, "部门一次性告知补正材料"),
            "corrections-received" => (e.At, "corrections-received", d, e.Actor, "收到补正材料，恢复计时"),
            "consultation-asked" => (e.At, "consultation-asked", d, e.Actor, "征求其他部门意见：" + e.Detail),
            "consultation-answered" => (e.At, "consultation-answered", d, e.Actor, "收到征求意见答复"),
            "answered" => (e.At, "consultation-answered", d, e.Actor, "答复征求意见：" + task.Opinion),
            "cancelled" => (e.At, "cancelled", d, e.Actor, e.Detail == "correction-expired" ? "逾期未补正，任务撤销" : "任务撤销"),
            "progress" => (e.At, "progress", d, e.Actor, "部门系统报告进度：" + e.Detail),
            "pushed" => (e.At, "pushed", d, e.Actor, "已推送至部门业务系统"),
            "push-failed" => (e.At, "push-failed", d, e.Actor, "推送部门业务系统失败，转部门工作台办理"),
            _ => null,
        };
    }

    private static string DecisionText(ReviewTask task, string? decision)
    {
        var verb = decision switch
        {
            "approve" => "同意",
            "reject" => "不同意",
            "request-correction" => "要求补正",
            "hand-over" => $"受理并转交{task.Answer?.Department}办理",
            "clarify" => "要求申请人补正说明：" + task.Opinion,
            "reply" => "答复",
            Disclosure.DisclosureAnswerTypes.Disclosed => "予以公开",
            Disclosure.DisclosureAnswerTypes.PartlyDisclosed => "部分公开",
            Disclosure.DisclosureAnswerTypes.NotDisclosed => "不予公开",
            Disclosure.DisclosureAnswerTypes.DoesNotExist => "信息不存在",
            Disclosure.DisclosureAnswerTypes.Refer => "非本机关掌握，告知申请人",
            _ => decision ?? "决定",
        };
        return decision is "approve" or "reject" && task.Opinion is { Length: > 0 } opinion ? $"{verb}，意见：{opinion}" : verb;
    }

    /// <summary>The extension's record (<c>20 working days: reason</c>, as the route writes it) in the timeline's language.</summary>
    private static string ExtensionText(string? detail)
    {
        var match = System.Text.RegularExpressions.Regex.Match(detail ?? "", @"^(\d+) working days: (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success ? $"{match.Groups[1].Value}个工作日，理由：{match.Groups[2].Value}" : detail ?? string.Empty;
    }

    private static string LocalTime(string? detail)
    {
        var text = detail?.StartsWith("due ", StringComparison.Ordinal) == true ? detail[4..] : detail;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? WorkingDayCalendar.ToLocal(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : text ?? string.Empty;
    }
}
