using FsCheck.Xunit;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Identity;
using OneWindow.Domain.Text;
using OneWindow.Domain.Uploads;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>Issue 15 findings 3 and 6: phones in ASCII digits only; names and file names free of invisible or reordering text.</summary>
public class InputTextTests
{
    [Theory]
    [InlineData("１３８００１３８０００")]   // full-width digits
    [InlineData("138００138000")]           // partly full-width
    [InlineData("١٣٨٠٠١٣٨٠٠٠")]           // Arabic-Indic digits
    [InlineData("+86 １３８-0013-8000")]
    public void Phones_with_non_ascii_digits_are_refused_with_a_clear_message(string input)
    {
        Assert.Null(MobileNumber.TryParse(input, out var error));
        Assert.Contains("ASCII digits", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    public void Phones_in_ascii_digits_are_accepted(string input, string value) => Assert.Equal(value, MobileNumber.TryParse(input, out _)?.Value);

    [Property(MaxTest = 300)]
    public bool A_valid_phone_with_any_digit_made_full_width_is_refused(byte position, uint tail)
    {
        var phone = "139" + (tail % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
        var i = position % phone.Length;
        var wide = phone[..i] + (char)(phone[i] - '0' + '０') + phone[(i + 1)..];
        return MobileNumber.TryParse(phone, out _) is not null && MobileNumber.TryParse(wide, out _) is null;
    }

    [Theory]
    [InlineData("\u200B")]                // zero-width space only
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u200B ")]
    [InlineData("张三\u202E")]              // right-to-left override
    [InlineData("\u202Efdp.exe")]
    [InlineData("张\u2066三")]              // isolate
    [InlineData("张\0三")]                  // NUL
    [InlineData("张\n三")]                  // control
    [InlineData("张\u007F三")]
    public void Names_with_control_bidi_or_only_invisible_characters_are_refused(string name) =>
        Assert.NotNull(InputText.Check(name, 100, "name"));

    [Theory]
    [InlineData("张三")]
    [InlineData("欧阳 测试")]
    [InlineData("Zhang San")]
    [InlineData("阿卜杜拉·买买提")]
    [InlineData("营业执照 (副本).pdf")]
    public void Ordinary_names_are_accepted(string name) => Assert.Null(InputText.Check(name, 100, "name"));

    [Fact]
    public void Names_are_bounded() => Assert.NotNull(InputText.Check(new string('张', 101), 100, "name"));

    [Theory]
    [InlineData("\u200B")]
    [InlineData("张三\u202E")]
    [InlineData("张\0三")]
    public void Applicant_names_are_checked_in_submissions(string name)
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse("""{"itemCode":"x","applicant":{"kind":"person","name":"n","idNumber":"11010519491231002X","phone":"13800138000"},"delivery":{"method":"pickup"}}""")!;
        body["applicant"]!["name"] = name;
        Assert.Null(SubmissionValidation.Validate(body, out var errors));
        Assert.True(errors.ContainsKey("applicant.name"), string.Join("; ", errors.Keys));
    }

    [Theory]
    [InlineData("\u202Efdp.exe")]
    [InlineData("a\0.pdf")]
    [InlineData("\u200B")]
    [InlineData("a\u0007.pdf")]
    public void Upload_file_names_are_checked(string fileName)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["fileName"] = fileName, ["contentType"] = "application/pdf", ["size"] = 10, ["sha256"] = new string('a', 64) };
        var errors = UploadRules.Validate(body, 100, out _);
        Assert.True(errors.ContainsKey("fileName"), string.Join("; ", errors.Keys));
    }
}
