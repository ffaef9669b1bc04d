using OneWindow.Domain.Catalog;
using OneWindow.Domain.Licences;
using Xunit;

namespace OneWindow.Domain.Tests;

/// <summary>The OWL1 canonical form, SM2/SM3 signatures and the QR payload: round trips and tampering.</summary>
public sealed class LicenceSigningTests
{
    private static readonly string Key = LicenceSigning.NewPrivateKey();

    private static LicencePayload Unsigned() => new("341881-food-business-licence-2026-000001", 1, "food-business-licence", "market-regulation",
        "食品经营许可证", "张三餐饮有限公司", "91341881MA2T0000X1", new DateOnly(2026, 11, 30), new DateOnly(2031, 11, 29));

    [Fact]
    public void The_canonical_form_is_the_documented_line()
    {
        Assert.Equal("OWL1|341881-food-business-licence-2026-000001|1|food-business-licence|market-regulation|食品经营许可证|张三餐饮有限公司|91341881MA2T0000X1|20261130|20311129",
            Unsigned().Canonical());
        Assert.EndsWith("|20261130|0", (Unsigned() with { ValidUntil = null }).Canonical(), StringComparison.Ordinal);

        // A separator inside a value cannot shift the fields: it is written full-width.
        Assert.Contains("|A｜B|", (Unsigned() with { Holder = "A|B" }).Canonical(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_verifies_with_the_public_key_and_survives_the_QR_round_trip()
    {
        var signed = Unsigned() with { Signature = LicenceSigning.Sign(Unsigned(), Key) };
        var publicKey = LicenceSigning.PublicKeyOf(Key);
        Assert.Equal(130, publicKey.Length);
        Assert.StartsWith("04", publicKey, StringComparison.Ordinal);
        Assert.True(LicenceSigning.Verify(signed, publicKey));

        var parsed = LicencePayload.Parse(signed.ToQrText(), out var error);
        Assert.Null(error);
        Assert.Equal(signed, parsed);
        Assert.True(LicenceSigning.Verify(parsed!, publicKey));
    }

    [Theory]
    [InlineData(1, "341881-food-business-licence-2026-000002")]
    [InlineData(2, "2")]
    [InlineData(6, "李四")]
    [InlineData(7, "91341881MA2T0000X2")]
    [InlineData(9, "20361129")]
    [InlineData(9, "0")]
    public void Any_tampered_field_fails(int field, string value)
    {
        var signed = Unsigned() with { Signature = LicenceSigning.Sign(Unsigned(), Key) };
        var parts = signed.ToQrText().Split('|');
        parts[field] = value;
        var tampered = LicencePayload.Parse(string.Join('|', parts), out _);
        Assert.NotNull(tampered);
        Assert.False(LicenceSigning.Verify(tampered!, LicenceSigning.PublicKeyOf(Key)));
    }

    [Fact]
    public void Another_key_a_broken_signature_or_a_broken_key_fail_without_throwing()
    {
        var signed = Unsigned() with { Signature = LicenceSigning.Sign(Unsigned(), Key) };
        Assert.False(LicenceSigning.Verify(signed, LicenceSigning.PublicKeyOf(LicenceSigning.NewPrivateKey())));
        Assert.False(LicenceSigning.Verify(signed with { Signature = "not*base64" }, LicenceSigning.PublicKeyOf(Key)));
        Assert.False(LicenceSigning.Verify(signed with { Signature = signed.Signature![..20] }, LicenceSigning.PublicKeyOf(Key)));
        Assert.False(LicenceSigning.Verify(signed, "04abcd"));
        Assert.False(LicenceSigning.Verify(signed, "zz"));
        Assert.False(LicenceSigning.Verify(signed with { Signature = null }, LicenceSigning.PublicKeyOf(Key)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("OWL2|a|1|b|c|d|e|f|20260101|0|sig")]
    [InlineData("OWL1|a|x|b|c|d|e|f|20260101|0|sig")]
    [InlineData("OWL1|a|1|b|c|d|e|f|2026-01-01|0|sig")]
    [InlineData("OWL1|a|1|b|c|d|e|f|20260101|0|")]
    [InlineData("OWL1|a|1|b|c|d|e|f|20260101|0")]
    public void Text_that_is_not_a_payload_is_refused_with_a_reason(string text)
    {
        Assert.Null(LicencePayload.Parse(text, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Validity_ends_the_day_before_the_anniversary_in_China_time()
    {
        var spec = new LicenceSpec { Title = "食品经营许可证", ValidityYears = 5 };
        // 2026-11-30 20:00 UTC is already 1 December in China.
        var until = spec.ValidUntil(new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateOnly(2031, 11, 30), LicenceTime.DateOf(until));
        Assert.Equal(TimeSpan.FromHours(8), until.Offset);
        Assert.Equal(new TimeOnly(23, 59, 59).Hour, until.Hour);
        Assert.Null(new LicenceSpec { Title = "营业执照" }.ValidUntil(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void A_PDF_keyword_payload_is_found_in_the_bytes()
    {
        var signed = Unsigned() with { Signature = LicenceSigning.Sign(Unsigned(), Key) };
        var bytes = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n<< /Keywords (" + LicencePdfPayload.Keywords(signed.ToQrText()) + ") >>\n%%EOF");
        Assert.Equal(signed.ToQrText(), LicencePdfPayload.Extract(bytes));
        Assert.Null(LicencePdfPayload.Extract("%PDF-1.4 nothing"u8));
    }
}
