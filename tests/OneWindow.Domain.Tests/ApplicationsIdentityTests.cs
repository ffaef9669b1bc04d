using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using Xunit;

namespace OneWindow.Domain.Tests;

public class ApplicationsIdentityTests
{
    [Fact]
    public void Same_subject_and_key_give_the_same_id_and_others_differ()
    {
        var a = ApplicationIds.DeriveId("user-1", "k-1");
        Assert.Equal(a, ApplicationIds.DeriveId("user-1", "k-1"));
        Assert.NotEqual(a, ApplicationIds.DeriveId("user-2", "k-1"));
        Assert.NotEqual(a, ApplicationIds.DeriveId("user-1", "k-2"));
        Assert.Matches("^app-[a-z2-7]{20}$", a);
    }

    [Fact]
    public void Fingerprint_ignores_key_order_and_whitespace_but_not_values()
    {
        var x = JsonNode.Parse("""{"itemCode":"A","answers":{"q1":"y","q2":"n"},"materials":[1,2]}""");
        var y = JsonNode.Parse("""{ "materials":[1, 2], "answers":{"q2":"n","q1":"y"}, "itemCode":"A" }""");
        var z = JsonNode.Parse("""{"itemCode":"A","answers":{"q1":"y","q2":"n"},"materials":[2,1]}""");
        Assert.Equal(ApplicationIds.Fingerprint(x), ApplicationIds.Fingerprint(y));
        Assert.NotEqual(ApplicationIds.Fingerprint(x), ApplicationIds.Fingerprint(z));
    }

    [Theory]
    [InlineData("341881-20261122-0007", true)]
    [InlineData("341881-20261122-12345", true)]
    [InlineData("341881-20261322-0007", false)]
    [InlineData("34188-20261122-0007", false)]
    [InlineData("341881-20261122-0000", false)]
    [InlineData("garbage", false)]
    public void Application_numbers_round_trip(string text, bool valid)
    {
        var number = ApplicationNumber.TryParse(text);
        Assert.Equal(valid, number is not null);
        if (valid) Assert.Equal(text, number!.ToString());
    }

    [Fact]
    public void Statuses_use_the_api_spelling()
    {
        foreach (var s in Enum.GetValues<ApplicationStatus>())
        {
            Assert.Equal(s, ApplicationStatusNames.FromWire(ApplicationStatusNames.ToWire(s)));
        }
        Assert.Equal("correction-required", ApplicationStatusNames.ToWire(ApplicationStatus.CorrectionRequired));
        Assert.Null(ApplicationStatusNames.FromWire("bogus"));
    }
}
