using System.Numerics;
using System.Text.Json.Nodes;
using OneWindow.Domain.Calendar;
using OneWindow.Domain.Catalog;
using OneWindow.Domain.Delivery;
using Xunit;

namespace OneWindow.Domain.Tests;

public class DeliveryFeeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string> NoAnswers = [];

    private static readonly ServiceItem Item = new()
    {
        Code = "food-licence",
        Name = "食品经营许可",
        Department = "market-regulation",
        Kind = ServiceItemKinds.AdministrativeLicence,
        Deadline = DeadlinePeriod.OfWorkingDays(10),
        LegalDeadline = DeadlinePeriod.OfWorkingDays(20),
        Questions = [new SituationQuestion("scale", "经营规模", ["small", "large"])],
    };

    private static Fee Fixed(decimal amount, params FeeExemption[] exemptions) => new("工本费", amount, "《收费目录清单》第3项") { Exemptions = exemptions };

    private static Fee PerArea(decimal perUnit, decimal? min = null, decimal? max = null) =>
        new("检测费", null, "《收费目录清单》第5项") { Formula = new FeeFormula { Field = "area", Unit = "平方米", PerUnit = perUnit, Base = 10m, Minimum = min, Maximum = max } };

    private static bool Known(string code) => code == "market-regulation";

    [Fact]
    public void A_fixed_fee_is_due_with_its_notice_and_lines()
    {
        var fee = FeeAssessment.Assess([Item with { Fees = [Fixed(80m)] }], "person", NoAnswers, null, "N", At)!;
        Assert.Equal(80m, fee.Amount);
        Assert.Equal(CaseFee.Due, fee.Status);
        Assert.Equal("N", fee.PaymentNotice);
        Assert.Equal(("food-licence", 80m, (string?)null), (fee.Lines[0].ItemCode, fee.Lines[0].Amount, fee.Lines[0].Exemption));
    }

    [Fact]
    public void An_item_without_fee_rules_is_fee_free_and_a_waived_fee_is_zero()
    {
        Assert.Null(FeeAssessment.Assess([Item], "person", NoAnswers, null, "N", At));
        var exemption = new FeeExemption { Code = "small", Basis = "小微企业免征", ApplicantKinds = ["enterprise"], When = new Dictionary<string, IReadOnlyList<string>> { ["scale"] = ["small"] } };
        var item = Item with { Fees = [Fixed(80m, exemption)] };
        var waived = FeeAssessment.Assess([item], "enterprise", new Dictionary<string, string> { ["scale"] = "small" }, null, "N", At)!;
        Assert.Equal((0m, CaseFee.Waived, "small"), (waived.Amount, waived.Status, waived.Lines[0].Exemption));
        Assert.Equal(80m, FeeAssessment.Assess([item], "enterprise", new Dictionary<string, string> { ["scale"] = "large" }, null, "N", At)!.Amount);
        Assert.Equal(80m, FeeAssessment.Assess([item], "person", new Dictionary<string, string> { ["scale"] = "small" }, null, "N", At)!.Amount);
    }

    [Theory]
    [InlineData("120", 10 + 120 * 1.5)]
    [InlineData("0.333", 10.50)] // 10 + 0.4995 rounds half away from zero to fen
    [InlineData("not a number", 10)]
    [InlineData("-5", 10)]
    public void A_formula_uses_the_form_number_and_rounds_to_fen(string area, double expected) =>
        Assert.Equal((decimal)expected, FeeAssessment.AmountOf(PerArea(1.5m), new JsonObject { ["area"] = area }));

    [Fact]
    public void A_formula_is_held_within_its_minimum_and_maximum_and_reads_json_numbers()
    {
        Assert.Equal(50m, FeeAssessment.AmountOf(PerArea(1m, min: 50m), new JsonObject { ["area"] = 3 }));
        Assert.Equal(200m, FeeAssessment.AmountOf(PerArea(1m, max: 200m), new JsonObject { ["area"] = 1000 }));
        Assert.Equal(10m, FeeAssessment.AmountOf(PerArea(1m), null));
    }

    [Fact]
    public void A_payment_notice_is_20_digits_that_name_the_case_and_catch_a_typo()
    {
        var notice = PaymentNotice.For("341881-20261122-0007");
        Assert.Matches("^34188120261122000[7][0-9]{2}$", notice);
        Assert.Equal(1, (int)(BigInteger.Parse(notice) % 97));
        Assert.Equal("341881-20261122-0007", PaymentNotice.ApplicationNumberOf(notice));
        var typo = notice[..5] + (char)('0' + ((notice[5] - '0' + 1) % 10)) + notice[6..];
        Assert.Null(PaymentNotice.ApplicationNumberOf(typo));
        Assert.Null(PaymentNotice.ApplicationNumberOf("12345"));
        Assert.Null(PaymentNotice.ApplicationNumberOf(null));
    }

    [Fact]
    public void Valid_fee_rules_pass_the_admin_validation()
    {
        var item = Item with { Fees = [Fixed(80m, new FeeExemption { Code = "e1", Basis = "依据", ApplicantKinds = ["enterprise"] }), PerArea(1.5m, 50m, 500m)] };
        Assert.Empty(CatalogValidation.ValidateItem("food-licence", item, Known));
    }

    [Theory]
    [InlineData("both", "fees[0]")]
    [InlineData("neither", "fees[0]")]
    [InlineData("negative", "fees[0].amount")]
    [InlineData("fen", "fees[0].amount")]
    [InlineData("no basis", "fees[0].basis")]
    [InlineData("no field", "fees[0].formula.field")]
    [InlineData("min over max", "fees[0].formula.maximum")]
    [InlineData("exemption matches all", "fees[0].exemptions[0]")]
    [InlineData("exemption unknown question", "fees[0].exemptions[0].when")]
    [InlineData("exemption unknown kind", "fees[0].exemptions[0].applicantKinds")]
    [InlineData("exemption no basis", "fees[0].exemptions[0].basis")]
    public void Bad_fee_rules_are_refused_naming_the_field(string what, string field)
    {
        var fee = what switch
        {
            "both" => Fixed(80m) with { Formula = new FeeFormula { Field = "area", PerUnit = 1m } },
            "neither" => new Fee("工本费", null, "依据"),
            "negative" => Fixed(-1m),
            "fen" => Fixed(1.234m),
            "no basis" => new Fee("工本费", 5m, ""),
            "no field" => PerArea(1m) with { Formula = new FeeFormula { PerUnit = 1m } },
            "min over max" => PerArea(1m, 500m, 50m),
            "exemption matches all" => Fixed(5m, new FeeExemption { Code = "e", Basis = "依据" }),
            "exemption unknown question" => Fixed(5m, new FeeExemption { Code = "e", Basis = "依据", When = new Dictionary<string, IReadOnlyList<string>> { ["nope"] = ["x"] } }),
            "exemption unknown kind" => Fixed(5m, new FeeExemption { Code = "e", Basis = "依据", ApplicantKinds = ["robot"] }),
            "exemption no basis" => Fixed(5m, new FeeExemption { Code = "e", ApplicantKinds = ["person"] }),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var errors = CatalogValidation.ValidateItem("food-licence", Item with { Fees = [fee] }, Known);
        Assert.Contains(field, errors.Keys);
    }
}
