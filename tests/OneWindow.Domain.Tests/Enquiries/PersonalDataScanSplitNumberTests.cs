using OneWindow.Domain.Mailbox;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>
/// Numbers beside other digits across a gap, numbers split by spaces or dashes, and Chinese punctuation around them: what
/// the first scan got wrong (it joined digit groups across every gap and masked a normalised copy of the text).
/// </summary>
public sealed class PersonalDataScanSplitNumberTests
{
    private static readonly string Id = EnquiryTestData.ValidId();

    [Theory]
    [InlineData("请回电 13800138000 12月1日前都在家")]   // a mobile, a space, then a date
    [InlineData("电话 13800138000 13900139000")]         // two mobiles separated by a space
    [InlineData("电话 13800138000-1")]                   // a mobile and a dash before another digit
    public void A_mobile_next_to_other_digits_across_a_space_or_dash_is_found(string text)
    {
        Assert.Contains("phone", PersonalDataScan.Find(text));
    }

    [Fact]
    public void An_id_number_ending_in_a_digit_next_to_a_mobile_across_a_space_is_found()
    {
        var id = EnquiryTestData.ValidId("34188119800101001");
        Assert.True(char.IsAsciiDigit(id[^1]));
        Assert.Equal(["id-number", "phone"], PersonalDataScan.Find($"身份证 {id} 13800138000"));
    }

    [Fact]
    public void An_anonymous_letter_with_a_mobile_before_a_date_is_refused()
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = "consultation", ["subject"] = "咨询", ["content"] = "请回电 13800138000 12月1日前都在家", ["anonymous"] = true,
        };
        Assert.Null(MailboxValidation.Validate(body, out var errors));
        Assert.Contains("content", errors.Keys);
    }

    [Theory]
    [InlineData("电话 138-0013-8000。", "电话 *************。")]
    [InlineData("电话 138 0013 8000。", "电话 *************。")]
    public void Mask_masks_a_mobile_split_by_spaces_or_dashes_as_find_finds_it(string text, string masked)
    {
        Assert.Equal(["phone"], PersonalDataScan.Find(text));
        Assert.Equal(masked, PersonalDataScan.Mask(text));
    }

    [Fact]
    public void Mask_masks_an_id_number_split_by_spaces()
    {
        var text = $"身份证 {Id[..6]} {Id[6..14]} {Id[14..]}。";
        Assert.DoesNotContain(Id[6..14], PersonalDataScan.Mask(text), StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_keeps_chinese_full_width_punctuation()
    {
        const string text = "建议：增设路灯，修补路面！可否（尽快）？";
        Assert.Equal(text, PersonalDataScan.Mask(text));
    }
}
