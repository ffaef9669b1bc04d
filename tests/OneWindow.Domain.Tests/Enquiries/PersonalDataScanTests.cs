using OneWindow.Domain.Identity;
using OneWindow.Domain.Mailbox;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>The scan for ID numbers and mobile numbers in free text (anonymous letters, the public list of suggestions).</summary>
public sealed class PersonalDataScanTests
{
    private static readonly string Id = EnquiryTestData.ValidId();

    [Fact]
    public void The_test_id_numbers_are_what_they_claim_to_be()
    {
        Assert.NotNull(ResidentIdNumber.TryParse(Id, out _));
        Assert.Null(ResidentIdNumber.TryParse(EnquiryTestData.WrongCheckId(), out var error));
        Assert.Equal("The ID number check character is wrong.", error);
    }

    [Fact]
    public void A_valid_id_number_in_text_is_found()
    {
        Assert.Equal(["id-number"], PersonalDataScan.Find($"我的身份证号是{Id}，请核实。"));
    }

    [Fact]
    public void An_id_number_ending_in_a_digit_and_one_with_a_lower_case_x_are_found()
    {
        var digitEnd = EnquiryTestData.ValidId("34188119800101001");
        Assert.True(char.IsAsciiDigit(digitEnd[^1]));
        Assert.Equal(["id-number"], PersonalDataScan.Find("号码" + digitEnd));
        Assert.Equal('X', Id[^1]);
        Assert.Equal(["id-number"], PersonalDataScan.Find("号码" + Id.ToLowerInvariant()));
    }

    [Theory]
    [InlineData("电话13800138000")]
    [InlineData("电话 +8613800138000 谢谢")]
    [InlineData("联系我：19912345678")]
    public void A_mainland_mobile_is_found(string text) => Assert.Equal(["phone"], PersonalDataScan.Find(text));

    [Fact]
    public void Full_width_digits_are_digits()
    {
        Assert.Equal(["id-number"], PersonalDataScan.Find("身份证" + EnquiryTestData.FullWidth(Id)));
        Assert.Equal(["phone"], PersonalDataScan.Find("手机" + EnquiryTestData.FullWidth("13800138000")));
    }

    [Theory]
    [InlineData("手机 138 0013 8000 。")]
    [InlineData("手机 138-0013-8000 。")]
    [InlineData("手机 138 - 0013 - 8000 。")]
    [InlineData("手机 １３８ ００１３ ８０００ 。")]
    public void A_mobile_split_by_spaces_or_dashes_is_found(string text) => Assert.Equal(["phone"], PersonalDataScan.Find(text));

    [Fact]
    public void An_id_number_split_by_spaces_or_dashes_is_found()
    {
        Assert.Equal(["id-number"], PersonalDataScan.Find($"身份证 {Id[..6]} {Id[6..14]} {Id[14..]} 。"));
        Assert.Equal(["id-number"], PersonalDataScan.Find($"身份证 {Id[..6]}-{Id[6..14]}-{Id[14..]} 。"));
    }

    [Fact]
    public void An_id_number_and_a_mobile_are_both_reported()
    {
        Assert.Equal(["id-number", "phone"], PersonalDataScan.Find($"身份证{Id}，电话13800138000。"));
    }

    [Theory]
    [InlineData("订单号202611300001已付款")]         // 12-digit order number
    [InlineData("订单号 2026-1130-0001 已付款")]     // the same, split
    [InlineData("办公室电话0551-62345678")]          // landline with area code
    [InlineData("总机 010 12345678")]                // landline split by a space
    [InlineData("工号12345678901")]                   // 11 digits, but 12... is no mobile prefix
    [InlineData("编号113800138000")]                  // a mobile's digits inside a longer number
    [InlineData("2026年11月30日，共3件。")]
    [InlineData("")]
    public void Text_without_personal_data_is_clean(string text) => Assert.Empty(PersonalDataScan.Find(text));

    [Fact]
    public void Null_is_clean() => Assert.Empty(PersonalDataScan.Find(null));

    [Fact]
    public void Eighteen_digits_with_a_wrong_check_character_are_no_id_number()
    {
        Assert.Empty(PersonalDataScan.Find($"流水号{EnquiryTestData.WrongCheckId()}。"));
    }

    [Fact]
    public void Eighteen_digits_with_an_impossible_birth_date_are_no_id_number()
    {
        var first17 = "11010519491331002"; // month 13
        Assert.Empty(PersonalDataScan.Find("编号" + first17 + ResidentIdNumber.CheckCharacter(first17)));
    }

    [Fact]
    public void Mask_replaces_an_id_number_and_a_mobile_with_asterisks_and_keeps_the_rest()
    {
        var masked = PersonalDataScan.Mask($"身份证{Id}、电话13800138000。建议增设路灯。");
        Assert.Equal($"身份证{new string('*', 18)}、电话{new string('*', 11)}。建议增设路灯。", masked);
    }

    [Fact]
    public void Mask_covers_the_country_code_of_a_mobile()
    {
        Assert.Equal("电话 ************** 。", PersonalDataScan.Mask("电话 +8613800138000 。"));
    }

    [Fact]
    public void Mask_masks_full_width_numbers()
    {
        var masked = PersonalDataScan.Mask("电话" + EnquiryTestData.FullWidth("13800138000") + "。");
        Assert.Equal("电话***********。", masked);
    }

    [Fact]
    public void Mask_leaves_wrong_check_numbers_order_numbers_and_landlines_alone()
    {
        var text = $"流水号{EnquiryTestData.WrongCheckId()}、订单号202611300001、总机0551-62345678。";
        Assert.Equal(text, PersonalDataScan.Mask(text));
    }
}
