using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Mailbox;
using OneWindow.Domain.Review;
using OneWindow.Domain.Supervision;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>
/// The timeline of a disclosure request (clarification, answer, withdrawal) and of a mailbox letter (replies, ratings), and
/// which tasks the departments' statistics count.
/// </summary>
public sealed class EnquiryTimelineTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.CreateDefault();

    // 23 November 2026 is a Monday.
    private static DateTimeOffset Shanghai(int day, int hour, int minute = 0) =>
        WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, day), new TimeSpan(hour, minute, 0));

    private static ApplicationRecord Case(string kind, string status, string itemName) => new()
    {
        Id = "app-e", Number = "341881-20261123-0009", Kind = kind, ItemName = itemName, Status = status, OwnerHash = "h", Fingerprint = "f",
        SubmittedAt = Shanghai(23, 9), Applicant = new MaskedApplicant("person", "李*", "110***********002X", "139****0000"),
        SealedApplicant = "x", DeliveryMethod = "none",
    };

    private static DisclosureRequest Request(DisclosureClarification? clarification = null, DisclosureAnswer? answer = null, string form = DisclosureForms.Electronic) => new()
    {
        Description = "老旧小区改造招标文件", Form = form, ReceivedAt = Shanghai(23, 9), Clarification = clarification, Answer = answer, HoldingDepartment = "housing",
    };

    private static DisclosureAnswer Answer(string type) => new(type, "详见附件说明", "housing", "user:officer-2", Shanghai(25, 10))
    {
        LegalGround = "《政府信息公开条例》第十五条", ReferTo = "县财政局",
    };

    [Fact]
    public void A_clarified_and_answered_disclosure_request_tells_each_step_with_its_working_time()
    {
        var clarification = new DisclosureClarification("请说明所需文件的年份", Shanghai(23, 10), "user:clerk-1", Shanghai(30, 17, 30))
        {
            Text = "2025年度", AnsweredAt = Shanghai(24, 10),
        };
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Answered, "政府信息公开申请") with
        {
            DecidedAt = Shanghai(25, 10),
            Disclosure = Request(clarification, Answer(DisclosureAnswerTypes.NotDisclosed)),
        };

        var steps = CaseTimeline.Build(application, [], Calendar);

        Assert.Equal(["submitted", "clarification-requested", "clarification-received", "finished"], steps.Select(s => s.Step));
        var submitted = steps[0];
        Assert.Equal("applicant", submitted.Actor);
        Assert.Equal("申请人在线提交政府信息公开申请", submitted.Detail);
        var asked = steps[1];
        Assert.Equal("user:clerk-1", asked.Actor);
        Assert.Equal("要求申请人补正说明（2026-11-30 17:30前）：请说明所需文件的年份", asked.Detail);
        Assert.Equal(Math.Round(1.0 / 7, 3), asked.WorkingDays); // Monday 09:00 to 10:00
        var received = steps[2];
        Assert.Equal("applicant", received.Actor);
        Assert.Equal("申请人提交补正说明，答复期限重新计算", received.Detail);
        Assert.Equal(1, received.WorkingDays); // Monday 10:00 to Tuesday 10:00
        var finished = steps[3];
        Assert.Equal("housing", finished.Department);
        Assert.Equal("user:officer-2", finished.Actor);
        Assert.Equal("答复：不予公开，依据：《政府信息公开条例》第十五条。详见附件说明", finished.Detail);
        Assert.Equal(1, finished.WorkingDays); // Tuesday 10:00 to Wednesday 10:00
    }

    [Theory]
    [InlineData(DisclosureAnswerTypes.Disclosed, "答复：予以公开。详见附件说明")]
    [InlineData(DisclosureAnswerTypes.PartlyDisclosed, "答复：部分公开（不予公开部分的依据：《政府信息公开条例》第十五条）。详见附件说明")]
    [InlineData(DisclosureAnswerTypes.NotDisclosed, "答复：不予公开，依据：《政府信息公开条例》第十五条。详见附件说明")]
    [InlineData(DisclosureAnswerTypes.DoesNotExist, "答复：经检索，所申请的信息不存在。详见附件说明")]
    [InlineData(DisclosureAnswerTypes.Refer, "答复：非本机关掌握，告知向县财政局申请。详见附件说明")]
    public void Each_disclosure_answer_is_told_in_the_regulation_s_words(string type, string detail)
    {
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Answered, "政府信息公开申请") with { Disclosure = Request(answer: Answer(type)) };
        var finished = CaseTimeline.Build(application, [], Calendar).Single(s => s.Step == "finished");
        Assert.Equal(detail, finished.Detail);
        Assert.Equal(Shanghai(25, 10), finished.At);
    }

    [Fact]
    public void A_request_not_clarified_in_time_ends_as_withdrawn_by_the_timer()
    {
        var clarification = new DisclosureClarification("请说明所需文件的年份", Shanghai(23, 10), "user:clerk-1", Shanghai(30, 17, 30));
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Withdrawn, "政府信息公开申请") with
        {
            DecidedAt = Shanghai(30, 17, 30),
            Disclosure = Request(clarification),
        };

        var steps = CaseTimeline.Build(application, [], Calendar);

        Assert.Equal(["submitted", "clarification-requested", "finished"], steps.Select(s => s.Step));
        var finished = steps[^1];
        Assert.Equal("timer", finished.Actor);
        Assert.Equal("逾期未补正说明，视为放弃申请（政府信息公开条例第三十条）", finished.Detail);
        Assert.Equal(Shanghai(30, 17, 30), finished.At);
        Assert.Equal(6 - 1.0 / 7, finished.WorkingDays, 3); // Monday 10:00 to the next Monday 17:30
    }

    [Fact]
    public void A_received_request_has_no_outcome_yet()
    {
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Received, "政府信息公开申请") with { Disclosure = Request() };
        Assert.Equal(["submitted"], CaseTimeline.Build(application, [], Calendar).Select(s => s.Step));
    }

    [Fact]
    public void A_paper_answer_is_dispatched_and_delivered_as_answer_material()
    {
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Delivered, "政府信息公开申请") with
        {
            Disclosure = Request(answer: Answer(DisclosureAnswerTypes.Disclosed), form: DisclosureForms.Paper),
            Delivery = new CaseDelivery { Waybill = "SF9876543210987", DispatchedAt = Shanghai(25, 11), DeliveredAt = Shanghai(26, 15), DeliveredBy = "courier" },
        };

        var steps = CaseTimeline.Build(application, [], Calendar);

        Assert.Equal(["submitted", "finished", "dispatched", "delivered"], steps.Select(s => s.Step));
        Assert.Equal("答复材料已交寄快递，运单号 SF9876543210987", steps[2].Detail);
        Assert.Equal("快递已签收（运单号 SF9876543210987），答复材料送达，办件办结", steps[3].Detail);
    }

    [Fact]
    public void The_intake_and_handling_tasks_tell_their_decisions()
    {
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.Answered, "政府信息公开申请") with { Disclosure = Request(answer: Answer(DisclosureAnswerTypes.Refer)) };
        var intake = new ReviewTask
        {
            Id = "app-e-intake", ApplicationId = "app-e", Number = application.Number, Kind = ReviewTask.Intake, ItemCode = "DISC", Department = "open-gov-office",
            StageCode = "intake", Status = ReviewTaskStatus.HandedOver, StartedAt = Shanghai(23, 9), DecidedAt = Shanghai(23, 11),
            Answer = new TaskAnswer { Department = "housing" },
            History = [new TaskEvent(Shanghai(23, 9), "created", "orchestration"), new TaskEvent(Shanghai(23, 11), "decision", "user:clerk-1", "hand-over")],
        };
        var handling = intake with
        {
            Id = "app-e-handling", Kind = ReviewTask.Handling, Department = "housing", StageCode = "handling", Status = ReviewTaskStatus.Answered,
            StartedAt = Shanghai(23, 11), DecidedAt = Shanghai(25, 10), Answer = new TaskAnswer { ReferTo = "县财政局" },
            History = [new TaskEvent(Shanghai(23, 11), "created", "orchestration"), new TaskEvent(Shanghai(25, 10), "decision", "user:officer-2", "refer")],
        };

        var steps = CaseTimeline.Build(application, [handling, intake], Calendar);

        Assert.Equal(["submitted", "task-assigned", "decided", "task-assigned", "decided", "finished"], steps.Select(s => s.Step));
        Assert.Equal("任务派发至open-gov-office（受理分办，事项 DISC）", steps[1].Detail);
        Assert.Equal("受理并转交housing办理", steps[2].Detail);
        Assert.Equal("任务派发至housing（办理答复，事项 DISC）", steps[3].Detail);
        Assert.Equal("非本机关掌握，告知申请人", steps[4].Detail);
        Assert.Equal("housing", steps[4].Department);
        Assert.Equal(13.0 / 7, steps[4].WorkingDays, 3); // the handling task's own track: Monday 11:00 to Wednesday 10:00
        Assert.Equal("finished", steps[^1].Step); // at the same moment as the decision, the outcome comes after it
    }

    [Fact]
    public void A_clarify_decision_quotes_the_question()
    {
        var application = Case(CaseKinds.Disclosure, DisclosureStatus.ClarificationRequired, "政府信息公开申请") with { Disclosure = Request() };
        var intake = new ReviewTask
        {
            Id = "i", ApplicationId = "app-e", Number = application.Number, Kind = ReviewTask.Intake, ItemCode = "DISC", Department = "open-gov-office",
            StageCode = "intake", Status = ReviewTaskStatus.ClarificationRequested, StartedAt = Shanghai(23, 9), Opinion = "请说明所需文件的年份",
            History = [new TaskEvent(Shanghai(23, 10), "decision", "user:clerk-1", "clarify")],
        };
        var decided = CaseTimeline.Build(application, [intake], Calendar).Single(s => s.Step == "decided");
        Assert.Equal("要求申请人补正说明：请说明所需文件的年份", decided.Detail);
    }

    [Fact]
    public void A_reopened_complaint_tells_both_replies_and_both_ratings()
    {
        var application = Case(CaseKinds.Mailbox, MailboxStatus.Replied, "投诉") with
        {
            Letter = new MailboxLetter
            {
                Type = MailboxLetterTypes.Complaint, Subject = "夜间施工噪音", Content = "每晚十点后仍在施工",
                Department = "housing", Reopened = true,
                Replies =
                [
                    new MailboxReply(1, "已责令施工单位整改", "housing", "user:officer-2", Shanghai(25, 10)),
                    new MailboxReply(2, "负责人复查后已停工整顿", "housing", "user:chief-housing", Shanghai(27, 15)),
                ],
                Ratings = [new MailboxRating(1, 1, "仍在施工", Shanghai(26, 9)), new MailboxRating(2, 5, null, Shanghai(30, 9))],
            },
        };

        var steps = CaseTimeline.Build(application, [], Calendar);

        Assert.Equal(["submitted", "replied", "rated", "replied-again", "rated"], steps.Select(s => s.Step));
        Assert.Equal("applicant", steps[0].Actor);
        Assert.Equal("来信人在线提交来信（投诉）", steps[0].Detail);
        Assert.Equal("答复来信：已责令施工单位整改", steps[1].Detail);
        Assert.Equal("housing", steps[1].Department);
        Assert.Equal("user:officer-2", steps[1].Actor);
        Assert.Equal(2 + 1.0 / 7, steps[1].WorkingDays, 3); // Monday 09:00 to Wednesday 10:00
        Assert.Equal("来信人评价答复：1分，仍在施工", steps[2].Detail);
        Assert.Equal("applicant", steps[2].Actor);
        Assert.Equal("答复来信：负责人复查后已停工整顿", steps[3].Detail);
        Assert.Equal("user:chief-housing", steps[3].Actor);
        Assert.Equal("来信人评价答复：5分", steps[4].Detail);
    }

    [Fact]
    public void An_anonymous_letter_is_submitted_by_no_one_named()
    {
        var application = Case(CaseKinds.Mailbox, MailboxStatus.Replied, "建议") with
        {
            Applicant = MaskedApplicant.Anonymous,
            Letter = new MailboxLetter
            {
                Type = MailboxLetterTypes.Suggestion, Subject = "增设公交站", Content = "建议在县医院门口增设公交站", Anonymous = true,
                Replies = [new MailboxReply(1, "已纳入明年线路规划", "transport", "user:officer-7", Shanghai(24, 9, 30))],
            },
        };

        var steps = CaseTimeline.Build(application, [], Calendar);

        Assert.Equal(["submitted", "replied"], steps.Select(s => s.Step));
        Assert.Equal("anonymous", steps[0].Actor);
        Assert.Equal("来信人在线提交来信（建议，匿名）", steps[0].Detail);
    }

    [Fact]
    public void The_enquiry_sms_are_told_by_name_and_unknown_ones_are_left_out()
    {
        var application = Case(CaseKinds.Mailbox, MailboxStatus.Replied, "咨询") with
        {
            Letter = new MailboxLetter { Type = MailboxLetterTypes.Consultation, Subject = "s", Content = "c" },
        };
        var sms = new[]
        {
            ("enquiry-accepted", Shanghai(23, 10)), ("mailbox-replied-1", Shanghai(24, 10)), ("mailbox-reopened", Shanghai(25, 10)),
            ("mailbox-replied-2", Shanghai(26, 10)), ("mailbox-replied-3", Shanghai(27, 10)),
        };

        var sent = CaseTimeline.Build(application, [], Calendar, sms).Where(s => s.Step == "sms-sent").ToArray();

        Assert.Equal(
            ["已向申请人发送短信：受理转办通知", "已向申请人发送短信：来信答复通知", "已向申请人发送短信：投诉重新办理通知", "已向申请人发送短信：来信重新答复通知"],
            sent.Select(s => s.Detail));
        Assert.Equal([0, 1, 1, 1], sent.Select(s => s.WorkingDays));
    }

    [Fact]
    public void The_disclosure_sms_have_names()
    {
        Assert.Equal("补正说明通知", CaseTimeline.ApplicantSms["clarification"]);
        Assert.Equal("视为放弃申请通知", CaseTimeline.ApplicantSms["withdrawn"]);
        Assert.Equal("政府信息公开答复通知", CaseTimeline.ApplicantSms["disclosure-answered"]);
    }

    [Theory]
    [InlineData(ReviewTask.Review, true)]
    [InlineData(ReviewTask.Handling, true)]
    [InlineData(ReviewTask.Intake, false)]
    [InlineData(ReviewTask.Consultation, false)]
    [InlineData(ReviewTask.Consolidation, false)]
    public void Statistics_count_review_and_handling_tasks_only(string kind, bool counts)
    {
        var task = new ReviewTask
        {
            Id = "t", ApplicationId = "a", Number = "n", Kind = kind, ItemCode = "i", Department = "d", StageCode = "s",
            Status = ReviewTaskStatus.InReview, StartedAt = Shanghai(23, 9),
        };
        Assert.Equal(counts, CaseStatistics.Counts(task));
    }
}
