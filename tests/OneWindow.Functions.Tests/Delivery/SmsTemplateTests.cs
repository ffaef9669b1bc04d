using OneWindow.Domain.Applications;
using OneWindow.Domain.Delivery;
using OneWindow.Functions.Notifications;
using Xunit;

namespace OneWindow.Functions.Tests.Delivery;

/// <summary>The applicant's delivery SMS: Chinese, the case number and what the event needs (amount and notice, code, waybill), no personal data.</summary>
public sealed class SmsTemplateTests
{
    private static readonly ApplicationRecord Case = new()
    {
        Id = "app-1",
        Number = "341881-20261130-0001",
        ItemName = "食品经营许可",
        Status = "approved",
        OwnerHash = "h",
        Fingerprint = "f",
        SubmittedAt = DateTimeOffset.UnixEpoch,
        Applicant = new MaskedApplicant("person", "欧*", "110***********002X", "139****0000"),
        SealedApplicant = "sealed",
        DeliveryMethod = DeliveryStatus.Courier,
        Delivery = new CaseDelivery
        {
            Fee = new CaseFee { Amount = 80m, PaymentNotice = "34188120261130000152", Status = CaseFee.Due },
            Waybill = "SF1234567890123",
        },
    };

    [Theory]
    [InlineData("fee-due", "80.00", "34188120261130000152")]
    [InlineData("ready-for-pickup", "取件码 654321", "综合窗口")]
    [InlineData("dispatched", "SF1234567890123", "快递")]
    [InlineData("delivered", "已送达", "办结")]
    [InlineData("accepted", "已受理", "办件号")]
    public void Each_delivery_event_has_a_chinese_text_with_what_it_needs_and_no_personal_data(string smsEvent, string part, string other)
    {
        var (template, text) = SmsTemplates.For(smsEvent, Case, smsEvent == "ready-for-pickup" ? "654321" : null);
        Assert.False(string.IsNullOrEmpty(template));
        Assert.StartsWith("【示范县政务服务】", text, StringComparison.Ordinal);
        Assert.Contains(Case.Number, text, StringComparison.Ordinal);
        Assert.Contains(part, text, StringComparison.Ordinal);
        Assert.Contains(other, text, StringComparison.Ordinal);
        Assert.DoesNotContain("欧", text, StringComparison.Ordinal);
        Assert.DoesNotContain("139", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_expiry_reminder_names_the_licence_and_the_days_left_and_unknown_events_have_no_template()
    {
        var (template, text) = SmsTemplates.For(OneWindow.Functions.Licences.LicenceReminder.EventOf(30, "341188-FOOD-2026-000001"), Case);
        Assert.Equal("licence-expiring", template);
        Assert.Contains("341188-FOOD-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("30日内", text, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SmsTemplates.For("no-such-event", Case));
    }
}
