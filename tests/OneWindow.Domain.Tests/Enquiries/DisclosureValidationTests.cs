using System.Text.Json.Nodes;
using OneWindow.Domain.Disclosure;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>A disclosure request's body (Art. 29): who asks, what information, in which form; an address only for paper.</summary>
public sealed class DisclosureValidationTests
{
    private static JsonObject Body(string form = "electronic", string? address = null)
    {
        var delivery = new JsonObject { ["form"] = form };
        if (address is not null) delivery["address"] = address;
        return new JsonObject
        {
            ["applicant"] = new JsonObject { ["kind"] = "person", ["name"] = "李四", ["idNumber"] = EnquiryTestData.ValidId(), ["phone"] = "13900139000" },
            ["description"] = "2025年度县城老旧小区改造项目的招标文件。\n包括中标公告。",
            ["purpose"] = "了解本小区改造资金使用情况",
            ["delivery"] = delivery,
        };
    }

    private static (DisclosureSubmission? Submission, Dictionary<string, List<string>> Errors) Check(JsonNode body)
    {
        var submission = DisclosureValidation.Validate(body, out var errors);
        return (submission, errors);
    }

    [Fact]
    public void A_valid_electronic_request_is_taken_with_its_multi_line_description()
    {
        var (s, errors) = Check(Body());
        Assert.Empty(errors);
        Assert.NotNull(s);
        Assert.Equal("2025年度县城老旧小区改造项目的招标文件。\n包括中标公告。", s.Description);
        Assert.Equal("了解本小区改造资金使用情况", s.Purpose);
        Assert.Equal(DisclosureForms.Electronic, s.Form);
        Assert.Null(s.Address);
        Assert.Null(s.ItemCode);
        Assert.Equal("李四", s.Applicant.Name);
    }

    [Fact]
    public void A_valid_paper_request_keeps_its_address()
    {
        var (s, errors) = Check(Body("paper", "示范县城关镇人民路1号"));
        Assert.Empty(errors);
        Assert.Equal(DisclosureForms.Paper, s!.Form);
        Assert.Equal("示范县城关镇人民路1号", s.Address);
    }

    [Fact]
    public void An_electronic_request_drops_an_address_it_was_given()
    {
        var (s, errors) = Check(Body("electronic", "示范县城关镇人民路1号"));
        Assert.Empty(errors);
        Assert.Equal(DisclosureForms.Electronic, s!.Form);
        Assert.Null(s.Address);
    }

    [Fact]
    public void The_item_code_and_the_purpose_are_optional()
    {
        var body = Body();
        body.Remove("purpose");
        body["itemCode"] = "DISCLOSURE-01";
        var (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.Null(s!.Purpose);
        Assert.Equal("DISCLOSURE-01", s.ItemCode);
    }

    [Theory]
    [InlineData(null, "description is required.")]
    [InlineData("   ", "description must not be empty.")]
    public void A_description_is_required(string? description, string message)
    {
        var body = Body();
        if (description is null) body.Remove("description"); else body["description"] = description;
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["description"], errors.Keys);
        Assert.Equal([message], errors["description"]);
    }

    [Fact]
    public void A_description_with_a_control_character_is_refused()
    {
        var body = Body();
        body["description"] = "招标文件\u0008";
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["description must not contain control characters (U+0008)."], errors["description"]);
    }

    [Fact]
    public void A_purpose_over_500_characters_is_refused_and_500_are_accepted()
    {
        var body = Body();
        body["purpose"] = new string('用', 501);
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["purpose"], errors.Keys);
        Assert.Equal(["purpose must be at most 500 characters."], errors["purpose"]);

        body["purpose"] = new string('用', 500);
        (s, errors) = Check(body);
        Assert.Empty(errors);
        Assert.Equal(500, s!.Purpose!.Length);
    }

    [Theory]
    [InlineData("fax")]
    [InlineData("Paper")]
    [InlineData("email")]
    public void The_form_must_be_electronic_or_paper(string form)
    {
        var (s, errors) = Check(Body(form, "示范县城关镇人民路1号"));
        Assert.Null(s);
        Assert.Equal(["delivery.form"], errors.Keys);
        Assert.Equal(["form must be \"electronic\" or \"paper\"."], errors["delivery.form"]);
    }

    [Fact]
    public void A_missing_form_is_refused()
    {
        var body = Body();
        body["delivery"] = new JsonObject();
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["delivery.form"], errors.Keys);
        Assert.Equal(["form is required."], errors["delivery.form"]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"paper\"")]
    public void Delivery_must_be_an_object(string json)
    {
        var body = Body();
        body["delivery"] = JsonNode.Parse(json);
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["delivery"], errors.Keys);
    }

    [Fact]
    public void Paper_without_an_address_is_refused()
    {
        var (s, errors) = Check(Body("paper"));
        Assert.Null(s);
        Assert.Equal(["delivery.address"], errors.Keys);
        Assert.Equal(["address is required."], errors["delivery.address"]);
    }

    [Fact]
    public void A_paper_address_with_a_line_break_is_refused()
    {
        var (s, errors) = Check(Body("paper", "人民路1号\n2单元"));
        Assert.Null(s);
        Assert.Equal(["address must not contain control characters (U+000A)."], errors["delivery.address"]);
    }

    [Fact]
    public void A_missing_applicant_is_refused()
    {
        var body = Body();
        body.Remove("applicant");
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["applicant"], errors.Keys);
    }

    [Fact]
    public void An_applicant_with_a_wrong_check_character_is_refused_under_its_field()
    {
        var body = Body();
        body["applicant"]!["idNumber"] = EnquiryTestData.WrongCheckId();
        var (s, errors) = Check(body);
        Assert.Null(s);
        Assert.Equal(["applicant.idNumber"], errors.Keys);
        Assert.Equal(["The ID number check character is wrong."], errors["applicant.idNumber"]);
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused()
    {
        var (s, errors) = Check(JsonValue.Create("request"));
        Assert.Null(s);
        Assert.Equal(["body"], errors.Keys);
    }
}
