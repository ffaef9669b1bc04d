using OneWindow.Domain.Applications;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Delivery;
using OneWindow.Domain.Disclosure;
using OneWindow.Domain.Mailbox;
using OneWindow.Functions.Notifications;
using Xunit;

namespace OneWindow.Functions.Tests.Delivery;

/// <summary>
/// The SMS of disclosure requests and mailbox letters: Chinese, the case number and what the event needs (deadline, question,
/// answer, waybill, reply), never the applicant's name, ID number or phone.
/// </summary>
public sealed class EnquirySmsTemplateTests
{
    private static readonly MaskedApplicant Applicant = new("person", "欧*", "110***********002X", "139****0000");

    private static readonly ApplicationRecord Disclosure = new()
    {
        Id = "app-d",
        Number = "341881-20261130-0007",
        Kind = CaseKinds.Disclosure,
        ItemName = "政府信息公开申请",
        Status = DisclosureStatus.InProgress,
        OwnerHash = "h",
        Fingerprint = "f",
        SubmittedAt = WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, 30), new TimeSpan(9, 0, 0)),
        DueAt = WorkingDayCalendar.FromLocal(new DateOnly(2026, 12, 28), new TimeSpan(17, 30, 0)),
        Applicant = Applicant,
        SealedApplicant = "sealed",
        DeliveryMethod = DeliveryStatus.Courier,
        Delivery = new CaseDelivery { Waybill = "SF1234567890123" },
        Disclosure = new DisclosureRequest
        {
            Description = "老旧小区改造招标文件",
            Form = DisclosureForms.Electronic,
            ReceivedAt = WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, 30), new TimeSpan(9, 0, 0)),
            Clarification = new DisclosureClarification("请说明所需文件的年份和项目名称",
                WorkingDayCalendar.FromLocal(new DateOnly(2026, 11, 30), new TimeSpan(10, 0, 0)), "user:clerk-1",
                WorkingDayCalendar.FromLocal(new DateOnly(2026, 12, 7), new TimeSpan(17, 30, 0))),
        },
    };

    private static readonly ApplicationRecord Letter = Disclosure with
    {
        Id = "app-m",
        Number = "341881-20261130-0008",
        Kind = CaseKinds.Mailbox,
        ItemName = "投诉",
        Status = MailboxStatus.Replied,
        DueAt = WorkingDayCalendar.FromLocal(new DateOnly(2026, 12, 14), new TimeSpan(17, 30, 0)),
        DeliveryMethod = "none",
        Delivery = null,
        Disclosure = null,
        Letter = new MailboxLetter
        {
            Type = MailboxLetterTypes.Complaint,
            Subject = "关于城关镇人民路小区夜间施工噪音扰民的投诉",
            Content = "每晚十点后仍在施工。",
            Replies = [new MailboxReply(1, "经查，施工单位已被责令整改。\n夜间22时后停止施工。", "housing", "user:officer-2",
                WorkingDayCalendar.FromLocal(new DateOnly(2026, 12, 2), new TimeSpan(10, 0, 0)))],
        },
    };

    private static ApplicationRecord Answered(string type, string form) => Disclosure with
    {
        Status = DisclosureStatus.Answered,
        Disclosure = Disclosure.Disclosure! with
        {
            Form = form,
            Answer = new DisclosureAnswer(type, "详见附件", "housing", "user:officer-2", Disclosure.SubmittedAt)
            {
                LegalGround = "《政府信息公开条例》第十四条", ReferTo = "县财政局",
            },
        },
    };

    private static void AssertNoPersonalData(ApplicationRecord application, string text)
    {
        Assert.StartsWith("【示范县政务服务】", text, StringComparison.Ordinal);
        Assert.Contains(application.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧", text, StringComparison.Ordinal);
        Assert.DoesNotContain("139", text, StringComparison.Ordinal);
        Assert.DoesNotContain("002X", text, StringComparison.Ordinal);
        Assert.DoesNotContain("110", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enquiry-accepted", "enquiry-accepted", "您的政府信息公开申请（办件号 341881-20261130-0007）已受理并转承办部门办理，将于12月28日 17:30前答复。")]
    [InlineData("clarification", "disclosure-clarification", "需要补正说明：请说明所需文件的年份和项目名称。请于12月7日 17:30前登录提交，逾期视为放弃申请。")]
    [InlineData("withdrawn", "disclosure-withdrawn", "未在期限内补正说明，视为放弃申请。")]
    [InlineData("dispatched", "disclosure-dispatched", "的答复材料已交寄，快递单号 SF1234567890123，请注意查收。")]
    [InlineData("delivered", "disclosure-delivered", "的答复材料已送达。")]
    public void Each_disclosure_event_has_its_text(string smsEvent, string template, string part)
    {
        var (t, text) = SmsTemplates.For(smsEvent, Disclosure);
        Assert.Equal(template, t);
        Assert.Contains(part, text, StringComparison.Ordinal);
        AssertNoPersonalData(Disclosure, text);
    }

    [Theory]
    [InlineData(DisclosureAnswerTypes.Disclosed, DisclosureForms.Electronic, "已答复：予以公开，请登录下载公开的信息。")]
    [InlineData(DisclosureAnswerTypes.Disclosed, DisclosureForms.Paper, "已答复：予以公开，纸质材料将以快递寄送。")]
    [InlineData(DisclosureAnswerTypes.PartlyDisclosed, DisclosureForms.Electronic, "已答复：部分公开，请登录下载公开的信息。")]
    [InlineData(DisclosureAnswerTypes.PartlyDisclosed, DisclosureForms.Paper, "已答复：部分公开，纸质材料将以快递寄送。")]
    [InlineData(DisclosureAnswerTypes.NotDisclosed, DisclosureForms.Paper, "已答复：不予公开，依据：《政府信息公开条例》第十四条。详情请登录查看。")]
    [InlineData(DisclosureAnswerTypes.DoesNotExist, DisclosureForms.Electronic, "已答复：经检索，您申请的信息不存在。详情请登录查看。")]
    [InlineData(DisclosureAnswerTypes.Refer, DisclosureForms.Electronic, "已答复：您申请的信息不属于本机关掌握，请向县财政局申请。")]
    public void Each_disclosure_answer_says_what_was_answered_and_how_it_comes(string type, string form, string part)
    {
        var application = Answered(type, form);
        var (template, text) = SmsTemplates.For("disclosure-answered", application);
        Assert.Equal("disclosure-answered", template);
        Assert.Equal($"【示范县政务服务】您的政府信息公开申请（办件号 {application.Number}）{part}", text);
        AssertNoPersonalData(application, text);
    }

    [Fact]
    public void An_answered_sms_without_the_answer_on_record_sends_the_applicant_to_the_case()
    {
        var (_, text) = SmsTemplates.For("disclosure-answered", Disclosure);
        Assert.EndsWith("已答复：请登录查看。", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_s_reply_is_sent_as_one_line_under_its_subject_s_excerpt()
    {
        var (template, text) = SmsTemplates.For("mailbox-replied-1", Letter);
        Assert.Equal("mailbox-replied", template);
        Assert.Equal(
            "【示范县政务服务】您的来信“关于城关镇人民路小区夜间施工噪音扰民的投…”（编号 341881-20261130-0008）已答复：经查，施工单位已被责令整改。 夜间22时后停止施工。欢迎登录对答复进行评价。",
            text);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        AssertNoPersonalData(Letter, text);
    }

    [Fact]
    public void A_long_reply_is_cut_to_200_characters()
    {
        var letter = Letter with
        {
            Letter = Letter.Letter! with
            {
                Replies = [Letter.Letter.Replies[0], new MailboxReply(2, new string('复', 250), "housing", "user:chief", Letter.SubmittedAt.AddDays(5))],
            },
        };
        var (template, text) = SmsTemplates.For("mailbox-replied-2", letter);
        Assert.Equal("mailbox-replied", template);
        Assert.Contains("已答复：" + new string('复', 200) + "…。", text, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('复', 201), text, StringComparison.Ordinal);
        Assert.DoesNotContain("经查", text, StringComparison.Ordinal); // the latest reply, not the first
    }

    [Fact]
    public void A_reopened_complaint_says_so()
    {
        var (template, text) = SmsTemplates.For("mailbox-reopened", Letter);
        Assert.Equal("mailbox-reopened", template);
        Assert.EndsWith("（编号 341881-20261130-0008）已转部门负责人重新办理，请留意答复。", text, StringComparison.Ordinal);
        AssertNoPersonalData(Letter, text);
    }

    [Fact]
    public void A_letter_s_acceptance_names_its_deadline()
    {
        var (template, text) = SmsTemplates.For("enquiry-accepted", Letter);
        Assert.Equal("enquiry-accepted", template);
        Assert.EndsWith("（编号 341881-20261130-0008）已受理并转承办部门办理，将于12月14日 17:30前答复。", text, StringComparison.Ordinal);
        AssertNoPersonalData(Letter, text);
    }

    [Theory]
    [InlineData("no-such-event")]
    [InlineData("accepted")]
    [InlineData("fee-due")]
    [InlineData("ready-for-pickup")]
    [InlineData("corr-1")]
    public void Events_without_an_enquiry_template_throw(string smsEvent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsTemplates.For(smsEvent, Disclosure));
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsTemplates.For(smsEvent, Letter));
    }
}
