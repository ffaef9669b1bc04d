using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using Xunit;

namespace OneWindow.Domain.Tests;

public class ApplicationsAcceptanceValidationTests
{
    [Theory]
    [InlineData("""{"decision":"accept"}""")]
    [InlineData("""{"decision":"accept-deferred","deferredMaterials":["m2"],"supplyWorkingDays":5}""")]
    [InlineData("""{"decision":"request-correction","items":[{"materialCode":"m1","message":"营业执照复印件不清晰"},{"message":"请补充法定代表人签字"}]}""")]
    [InlineData("""{"decision":"reject","reason":"不属于本县管辖"}""")]
    public void Valid_decisions_pass(string json)
    {
        Assert.NotNull(AcceptanceDecisionValidation.Validate(JsonNode.Parse(json), out var errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("""{}""", "decision")]
    [InlineData("""{"decision":"maybe"}""", "decision")]
    [InlineData("""{"decision":7}""", "decision")]
    [InlineData("""{"decision":"accept-deferred","supplyWorkingDays":5}""", "deferredMaterials")]
    [InlineData("""{"decision":"accept-deferred","deferredMaterials":["m2"]}""", "supplyWorkingDays")]
    [InlineData("""{"decision":"accept-deferred","deferredMaterials":["m2"],"supplyWorkingDays":0}""", "supplyWorkingDays")]
    [InlineData("""{"decision":"accept-deferred","deferredMaterials":["m2"],"supplyWorkingDays":"5"}""", "supplyWorkingDays")]
    [InlineData("""{"decision":"accept-deferred","deferredMaterials":[3],"supplyWorkingDays":5}""", "deferredMaterials[0]")]
    [InlineData("""{"decision":"request-correction"}""", "items")]
    [InlineData("""{"decision":"request-correction","items":[{"materialCode":"m1"}]}""", "items[0].message")]
    [InlineData("""{"decision":"request-correction","items":"fix it"}""", "items")]
    [InlineData("""{"decision":"reject"}""", "reason")]
    [InlineData("""{"decision":"reject","reason":42}""", "reason")]
    [InlineData("""[]""", "body")]
    public void Bad_fields_are_named(string json, string field)
    {
        Assert.Null(AcceptanceDecisionValidation.Validate(JsonNode.Parse(json), out var errors));
        Assert.Contains(field, errors.Keys);
    }
}
