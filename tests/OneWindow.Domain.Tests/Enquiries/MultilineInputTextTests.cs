using OneWindow.Domain.Text;
using Xunit;

namespace OneWindow.Domain.Tests.Enquiries;

/// <summary>Free text of several lines (a letter, a description, a reply): line breaks and tabs, and still nothing else unseen.</summary>
public sealed class MultilineInputTextTests
{
    [Theory]
    [InlineData("第一行\n第二行")]
    [InlineData("第一行\r\n第二行")]
    [InlineData("一、\t路灯")]
    [InlineData("\n内容\n")]
    public void Line_breaks_and_tabs_are_allowed_in_multiline_text(string value)
    {
        Assert.Null(InputText.Check(value, 100, "content", multiline: true));
    }

    [Theory]
    [InlineData("第一行\n第二行", "U+000A")]
    [InlineData("第一行\r第二行", "U+000D")]
    [InlineData("一、\t路灯", "U+0009")]
    public void Line_breaks_and_tabs_are_refused_in_a_single_line(string value, string code)
    {
        Assert.Equal($"name must not contain control characters ({code}).", InputText.Check(value, 100, "name"));
        Assert.Equal($"name must not contain control characters ({code}).", InputText.Check(value, 100, "name", multiline: false));
    }

    [Theory]
    [InlineData("内容\u0000", "U+0000")]
    [InlineData("内容\u000B", "U+000B")]
    [InlineData("内容\u000C", "U+000C")]
    [InlineData("内容\u0085", "U+0085")]
    [InlineData("内容\u007F", "U+007F")]
    public void Other_control_characters_are_refused_in_multiline_text(string value, string code)
    {
        Assert.Equal($"content must not contain control characters ({code}).", InputText.Check(value, 100, "content", multiline: true));
    }

    [Fact]
    public void Bidirectional_controls_are_refused_in_multiline_text()
    {
        Assert.Equal("content must not contain bidirectional control characters (U+2066).", InputText.Check("第一行\n\u2066第二行", 100, "content", multiline: true));
    }

    [Theory]
    [InlineData("\n\n")]
    [InlineData("\r\n\t \u200B")]
    public void Only_line_breaks_and_blanks_are_not_text(string value)
    {
        Assert.Equal("content must contain visible characters, not only spaces or zero-width characters.", InputText.Check(value, 100, "content", multiline: true));
    }

    [Fact]
    public void Line_breaks_count_towards_the_length()
    {
        Assert.Null(InputText.Check("一\n二", 3, "content", multiline: true));
        Assert.Equal("content must be at most 3 characters.", InputText.Check("一\r\n二", 3, "content", multiline: true));
    }

    [Fact]
    public void Null_is_required_text() => Assert.Equal("content is required.", InputText.Check(null, 100, "content", multiline: true));
}
