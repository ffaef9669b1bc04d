using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using Xunit;

namespace OneWindow.Domain.Tests;

public class ApplicationsSubmissionValidationTests
{
    private const string Valid = """
        {"itemCode":"food-business","answers":{"q1":"yes"},
         "applicant":{"kind":"person","name":"张三","idNumber":"11010519491231002X","phone":"13800000000"},
         "materials":[{"code":"m1","uploadId":"up-1"}],
         "delivery":{"method":"courier","address":"某县某路1号"}}
        """;

    [Fact]
    public void A_valid_body_passes()
    {
        var request = SubmissionValidation.Validate(JsonNode.Parse(Valid), out var errors);
        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal("11010519491231002X", request!.Applicant.IdNumber);
        Assert.Single(request.Materials);
    }

    [Theory]
    [InlineData("itemCode", null, "itemCode")]                                  // neither item nor package
    [InlineData("itemCode", 42, "itemCode")]                                    // wrong type
    [InlineData("packageCode", "p1", "itemCode")]                               // both
    [InlineData("applicant", null, "applicant")]
    [InlineData("applicant.kind", "robot", "applicant.kind")]
    [InlineData("applicant.name", null, "applicant.name")]
    [InlineData("applicant.name", "long", "applicant.name")]                    // too long (replaced below)
    [InlineData("applicant.idNumber", "110105194912310021", "applicant.idNumber")] // bad checksum
    [InlineData("applicant.idNumber", null, "applicant.idNumber")]
    [InlineData("applicant.phone", "12345", "applicant.phone")]
    [InlineData("applicant.phone", 13800000000, "applicant.phone")]             // number instead of string
    [InlineData("materials", "x", "materials")]
    [InlineData("materials.0.uploadId", null, "materials[0].uploadId")]
    [InlineData("delivery.method", "drone", "delivery.method")]
    [InlineData("delivery.address", null, "delivery.address")]                  // courier needs an address
    [InlineData("answers", 5, "answers")]
    public void Each_bad_field_is_named(string path, object? value, string expectedField)
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        var node = value switch
        {
            null => null,
            "long" => JsonValue.Create(new string('名', SubmissionValidation.MaxNameLength + 1)),
            string s => JsonValue.Create(s),
            int i => JsonValue.Create(i),
            long l => JsonValue.Create(l),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        Set(body, path, node);
        var request = SubmissionValidation.Validate(body, out var errors);
        Assert.Null(request);
        Assert.Contains(expectedField, errors.Keys);
    }

    [Fact]
    public void An_enterprise_is_checked_as_a_credit_code()
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["applicant"]!["kind"] = "enterprise";
        Assert.Null(SubmissionValidation.Validate(body, out var errors));
        Assert.Contains("applicant.idNumber", errors.Keys);
        body["applicant"]!["idNumber"] = "91350100M000100Y43";
        Assert.NotNull(SubmissionValidation.Validate(body, out errors));
    }

    [Fact]
    public void A_non_object_body_is_rejected()
    {
        Assert.Null(SubmissionValidation.Validate(JsonNode.Parse("[1]"), out var errors));
        Assert.Contains("body", errors.Keys);
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode target = root;
        for (var i = 0; i < parts.Length - 1; i++)
        {
            target = int.TryParse(parts[i], out var idx) ? target[idx]! : target[parts[i]]!;
        }
        var last = parts[^1];
        if (value is null) target.AsObject().Remove(last);
        else target[last] = value;
    }
}
