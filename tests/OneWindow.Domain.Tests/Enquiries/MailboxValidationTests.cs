using System.Text.Json.Nodes;
using OneWindow.Domain.Mailbox;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>A mailbox letter's body: each field's error under its own key, and no personal data in an anonymous letter.</summary>
public sealed class MailboxValidationTests
{
    private static readonly string Id = EnquiryTestData.ValidId();

    private static JsonObject Applicant() => new() { ["kind"] = "person", ["name"] = "张三", ["idNumber"] = Id, ["phone"] = "13800138000" };

    private static JsonObject Signed() => new()
    {
        ["type"] = "complaint", ["subject"] = "  小区夜间施工噪音  ", ["content"] = "第一段：每晚十点后仍在施工。\n第二段：请尽快处理。", ["applicant"] = Applicant(),
    };

    private static JsonObject Anonymous() => new()
    {
        ["type"] = "suggestion", ["subject"] = "建议增设公交站", ["content"] = "建议在县医院门口增设公交站。", ["anonymous"] = true,
    };

    private static (MailboxSubmission? Submission, Dictionary<string, List<string>> Errors) Check(JsonObject body)
    {
        var submission = MailboxValidation.Validate(body, out var errors);
        return (submission, errors);
    }

    [Fact]
    public void A_valid_signed_letter_keeps_its_applicant_and_its_paragraphs()
    {
        var (s, errors) = Check(Signed());
        Assert.Empty(errors);
        Assert.NotNull(s);
        Assert.Equal("complaint", s.Type);
        Assert.Equal("小区夜间施工噪音", s.Subject);
        Assert.Equal("第一段：每晚十点后仍在施工。\n第二段：请尽快处理。", s.Content);
        Assert.False(s.Anonymous);
        Assert.Equal("张三", s.Applicant!.Name);
        Assert.Equal(Id, s.Applicant.IdNumber);
        Assert.Equal("13800138000", s.Applicant.Phone);
    }

    [Fact]
    public void A_valid_anonymous_letter_has_no_applicant()
    {
        var (s, errors) = Check(Anonymous());
        Assert.Empty(errors);
        Assert.NotNull(s);
        Assert.Equal("suggestion", s.Type);
        Assert.True(s.Anonymous);
        Assert.Null(s.Applicant);
    }

    [Fact]
    public void Anonymous_false_is_a_signed_letter()
    {
        var body = Signed();
        body["anonymous"] = false;
        var (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.False(s!.Anonymous);
    }

    [Fact]
    public void Content_may_have_several_lines_and_tabs()
    {
        var body = Anonymous();
        body["content"] = "一、路灯不亮。\r\n二、路面破损。\n\t请处理。";
        var (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.Equal("一、路灯不亮。\r\n二、路面破损。\n\t请处理。", s!.Content);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused()
    {
        Assert.Null(MailboxValidation.Validate(new JsonArray(), out var errors));
        Assert.Equal(["body"], errors.Keys);
        Assert.Null(MailboxValidation.Validate(null, out errors));
        Assert.Equal(["body"], errors.Keys);
    }

    [Theory]
    [InlineData(null, "type is required.")]
    [InlineData("praise", "type must be consultation, complaint or suggestion.")]
    [InlineData("Complaint", "type must be consultation, complaint or suggestion.")]
    [InlineData("", "type must not be empty.")]
    public void A_missing_or_unknown_type_is_refused(string? type, string message)
    {
        var body = Signed();
        if (type is null) body.Remove("type"); else body["type"] = type;
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["type"], errors.Keys);
        Assert.Equal([message], errors["type"]);
    }

    [Fact]
    public void A_type_that_is_not_a_string_is_refused()
    {
        var body = Signed();
        body["type"] = 3;
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["type must be a string."], errors["type"]);
    }

    [Fact]
    public void A_missing_subject_is_refused()
    {
        var body = Signed();
        body.Remove("subject");
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["subject"], errors.Keys);
        Assert.Equal(["subject is required."], errors["subject"]);
    }

    [Fact]
    public void A_subject_over_100_characters_is_refused_and_100_are_accepted()
    {
        var body = Signed();
        body["subject"] = new string('路', 101);
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["subject must be at most 100 characters."], errors["subject"]);

        body["subject"] = new string('路', 100);
        (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.Equal(100, s!.Subject.Length);
    }

    [Theory]
    [InlineData("第一行\n第二行", "U+000A")]
    [InlineData("标题\u0000", "U+0000")]
    public void A_subject_is_one_line_without_control_characters(string subject, string code)
    {
        var body = Signed();
        body["subject"] = subject;
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["subject"], errors.Keys);
        Assert.Equal([$"subject must not contain control characters ({code})."], errors["subject"]);
    }

    [Fact]
    public void A_missing_content_is_refused()
    {
        var body = Signed();
        body.Remove("content");
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["content"], errors.Keys);
        Assert.Equal(["content is required."], errors["content"]);
    }

    [Fact]
    public void Content_over_4000_characters_is_refused()
    {
        var body = Signed();
        body["content"] = new string('字', 4001);
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["content must be at most 4000 characters."], errors["content"]);
    }

    [Theory]
    [InlineData("请处理\u0007。", "U+0007")]
    [InlineData("请处理\u001B[2J。", "U+001B")]
    [InlineData("请处理\u007F。", "U+007F")]
    public void Content_with_control_characters_other_than_line_breaks_and_tabs_is_refused(string content, string code)
    {
        var body = Signed();
        body["content"] = content;
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["content"], errors.Keys);
        Assert.Equal([$"content must not contain control characters ({code})."], errors["content"]);
    }

    [Fact]
    public void Content_with_a_bidirectional_override_is_refused()
    {
        var body = Signed();
        body["content"] = "附件\u202Efdp.exe";
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["content must not contain bidirectional control characters (U+202E)."], errors["content"]);
    }

    [Theory]
    [InlineData("\"yes\"")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Anonymous_must_be_true_or_false(string json)
    {
        var body = Anonymous();
        body["anonymous"] = JsonNode.Parse(json);
        var (s, errors) = Check(body);
        Assert.Null(s);
        if (json == "null")
        {
            // JSON null is no flag at all: a signed letter, which then lacks its applicant.
            Assert.Equal(["applicant"], errors.Keys);
            return;
        }

        Assert.Equal(["anonymous must be true or false."], errors["anonymous"]);
    }

    [Fact]
    public void A_signed_letter_without_an_applicant_is_refused()
    {
        var body = Signed();
        body.Remove("applicant");
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["applicant"], errors.Keys);
        Assert.Equal(["applicant is required and must be an object."], errors["applicant"]);
    }

    [Fact]
    public void A_signed_letter_with_a_bad_applicant_phone_is_refused_under_its_field()
    {
        var body = Signed();
        body["applicant"]!["phone"] = "0551-62345678";
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["applicant.phone"], errors.Keys);
    }

    [Fact]
    public void An_anonymous_letter_with_an_applicant_is_refused()
    {
        var body = Anonymous();
        body["applicant"] = Applicant();
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["applicant"], errors.Keys);
        Assert.Equal(["An anonymous letter carries no applicant: leave applicant out, or write a signed letter."], errors["applicant"]);
    }

    [Fact]
    public void An_anonymous_letter_with_a_phone_in_its_content_is_refused_on_content()
    {
        var body = Anonymous();
        body["content"] = "请回电 138-0013-8000。";
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["content"], errors.Keys);
        Assert.Equal(["An anonymous letter must not contain personal data; content contains a phone number. Remove it, or write a signed letter."], errors["content"]);
    }

    [Fact]
    public void An_anonymous_letter_with_an_id_number_in_its_subject_is_refused_on_subject()
    {
        var body = Anonymous();
        body["subject"] = "身份证" + Id + "的问题";
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["subject"], errors.Keys);
        Assert.Equal(["An anonymous letter must not contain personal data; subject contains an ID number. Remove it, or write a signed letter."], errors["subject"]);
    }

    [Fact]
    public void An_anonymous_letter_with_both_in_its_content_names_both()
    {
        var body = Anonymous();
        body["content"] = $"身份证{EnquiryTestData.FullWidth(Id)}\n电话13800138000";
        var (_, errors) = Check(body);
        Assert.Equal(["An anonymous letter must not contain personal data; content contains an ID number and a phone number. Remove it, or write a signed letter."], errors["content"]);
    }

    [Fact]
    public void An_anonymous_letter_may_mention_order_numbers_and_landlines()
    {
        var body = Anonymous();
        body["content"] = $"订单号202611300001，营业厅电话0551-62345678，流水号{EnquiryTestData.WrongCheckId()}。";
        var (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.NotNull(s);
    }

    [Fact]
    public void A_signed_letter_may_carry_its_writer_s_numbers_in_its_text()
    {
        var body = Signed();
        body["content"] = $"我的身份证{Id}，电话13800138000。";
        var (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.Contains("13800138000", s!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var body = new JsonObject { ["type"] = "praise", ["content"] = "a\u0001", ["anonymous"] = "maybe" };
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["anonymous", "applicant", "content", "subject", "type"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
