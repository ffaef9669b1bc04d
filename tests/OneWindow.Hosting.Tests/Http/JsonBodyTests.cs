using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OneWindow.Hosting.Http;
using Xunit;

namespace OneWindow.Hosting.Tests.Http;

/// <summary>The one reader of JSON bodies: what it refuses, and the field it names (issue 15 finding 2).</summary>
public sealed class JsonBodyTests
{
    private static (string Field, string Message)? ErrorOf(byte[] body)
    {
        var (value, problem) = JsonBody.ParseObject(body);
        if (problem is null)
        {
            Assert.NotNull(value);
            return null;
        }

        var (field, messages) = Assert.Single(ErrorsOf(problem));
        return (field, Assert.Single(messages));
    }

    private static IDictionary<string, string[]> ErrorsOf(Microsoft.AspNetCore.Http.IResult? problem) =>
        Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(problem).ProblemDetails).Errors;

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("""{"name":"\ud800"}""", "name")]
    [InlineData("""{"a":{"b":[1,"x\udfffy"]}}""", "a.b[1]")]
    [InlineData("""{"a":[{"c":"ok"},{"c":"\udc00\ud800"}]}""", "a[1].c")]
    [InlineData("""{"\ud800":1}""", "body")]
    [InlineData("""{"a":{"\ud800":1}}""", "a")]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"a":{"b":1,"b":1}}""", "a.b")]
    public void Unreadable_text_and_repeated_properties_name_the_field(string json, string field) => Assert.Equal(field, ErrorOf(Utf8(json))?.Field);

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x80 })]
    public void Invalid_utf8_in_a_string_names_the_field(byte[] bad)
    {
        var body = Utf8("""{"items":[{"name":"名""").Concat(bad).Concat(Utf8("\"}]}")).ToArray();
        var error = ErrorOf(body);
        Assert.Equal("items[0].name", error?.Field);
        Assert.Contains("UTF-8", error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_beyond_the_limit_names_where_it_goes_too_deep()
    {
        var depth = JsonBody.DefaultLimits.MaxDepth;
        Assert.Null(ErrorOf(Utf8("{\"a\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}")));
        var error = ErrorOf(Utf8("{\"a\":" + new string('[', depth) + new string(']', depth) + "}"));
        Assert.StartsWith("a", error?.Field, StringComparison.Ordinal);
        Assert.Contains("nested deeper", error?.Message, StringComparison.Ordinal);
        Assert.NotNull(ErrorOf(Utf8("{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}")));
    }

    [Fact]
    public void Strings_and_property_names_are_bounded()
    {
        var max = JsonBody.DefaultLimits.MaxStringLength;
        Assert.Null(ErrorOf(Utf8($"{{\"a\":\"{new string('长', max)}\"}}")));
        Assert.Equal("a", ErrorOf(Utf8($"{{\"a\":\"{new string('长', max + 1)}\"}}"))?.Field);
        Assert.Equal("a", ErrorOf(Utf8($"{{\"a\":\"{string.Concat(Enumerable.Repeat("\\u0041", max + 1))}\"}}"))?.Field);
        Assert.Equal("body", ErrorOf(Utf8($"{{\"{new string('k', JsonBody.DefaultLimits.MaxPropertyNameLength + 1)}\":1}}"))?.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\": tru")]
    [InlineData("{\"a\":1,}")]
    public void Broken_json_and_non_objects_are_the_body_and_never_quote_the_parser(string json)
    {
        var error = ErrorOf(Utf8(json));
        Assert.Equal("body", error?.Field);
        foreach (var internals in new[] { "LineNumber", "BytePositionInLine", "System.", "'t'", "expected" })
            Assert.DoesNotContain(internals, error?.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Paired_surrogates_and_ordinary_text_are_read()
    {
        var (body, problem) = JsonBody.ParseObject(Utf8("""{"name":"张三 \ud83d\ude00","n":[1,{"b":null}]}"""));
        Assert.Null(problem);
        Assert.Equal("张三 😀", (string?)body!["name"]);
    }

    private sealed record Typed(string Name, int Count, DateOnly Day);

    [Theory]
    [InlineData("""{"name":"a","count":"x","day":"2026-01-01"}""", "count")]
    [InlineData("""{"name":"a","count":1,"day":"someday"}""", "day")]
    [InlineData("""{"name":[[1]],"count":1,"day":"2026-01-01"}""", "name")]
    public void A_typed_value_of_the_wrong_kind_names_its_field_without_the_serializer_message(string json, string field)
    {
        var (body, _) = JsonBody.ParseObject(Utf8(json));
        var (_, problem) = JsonBody.Deserialize<Typed>(body!, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        var (key, messages) = Assert.Single(ErrorsOf(problem));
        Assert.Equal(field, key);
        Assert.DoesNotContain("System.", Assert.Single(messages), StringComparison.Ordinal);
    }
}
