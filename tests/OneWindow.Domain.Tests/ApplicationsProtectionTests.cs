using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneWindow.Domain.Applications;
using OneWindow.Domain.Uploads;
using Xunit;

namespace OneWindow.Domain.Tests;

public sealed class ApplicationsProtectionTests
{
    private static readonly PersonalDataProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    private static readonly ApplicantSecret Secret = new(new ApplicantDetails("person", "欧阳测试", "11010519491231002X", "13800138000"), new JsonObject { ["shop"] = "小店" }, "示范县人民路1号");

    [Fact]
    public void A_sealed_applicant_opens_with_the_same_key_and_id_and_shows_no_personal_data()
    {
        var sealedValue = Protector.Seal(Secret, "app-1");
        Assert.DoesNotContain("11010519491231002X", sealedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", sealedValue, StringComparison.Ordinal);
        var opened = Protector.Open<ApplicantSecret>(sealedValue, "app-1");
        Assert.Equal(Secret.Applicant, opened.Applicant);
        Assert.Equal("示范县人民路1号", opened.DeliveryAddress);
        Assert.NotEqual(sealedValue, Protector.Seal(Secret, "app-1")); // a fresh nonce each time
    }

    [Fact]
    public void A_sealed_block_copied_to_another_application_or_opened_with_another_key_fails()
    {
        var sealedValue = Protector.Seal(Secret, "app-1");
        Assert.ThrowsAny<CryptographicException>(() => Protector.Open<ApplicantSecret>(sealedValue, "app-2"));
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataProtector(RandomNumberGenerator.GetBytes(32)).Open<ApplicantSecret>(sealedValue, "app-1"));
        var tampered = Convert.FromBase64String(sealedValue);
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector.Open<ApplicantSecret>(Convert.ToBase64String(tampered), "app-1"));
    }

    [Fact]
    public void The_data_key_must_be_256_bits() =>
        Assert.Throws<ArgumentException>(() => new PersonalDataProtector(new byte[16]));

    [Fact]
    public void Masked_applicant_keeps_only_what_a_clerk_may_see()
    {
        var masked = MaskedApplicant.Of(Secret.Applicant);
        Assert.Equal(new MaskedApplicant("person", "欧***", "110***********002X", "138****8000"), masked);
    }

    [Fact]
    public void Owner_hash_is_stable_and_hides_the_subject()
    {
        Assert.Equal(ApplicantOwner.HashOf("user-1"), ApplicantOwner.HashOf("user-1"));
        Assert.NotEqual(ApplicantOwner.HashOf("user-1"), ApplicantOwner.HashOf("user-2"));
        Assert.DoesNotContain("user-1", ApplicantOwner.HashOf("user-1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/pdf", 10, true)]
    [InlineData("image/jpeg", 10, true)]
    [InlineData("image/png", 10, true)]
    [InlineData("application/ofd", 10, true)]
    [InlineData("text/html", 10, false)]
    [InlineData("application/pdf", 0, false)]
    [InlineData("application/pdf", 101, false)]
    public void Uploads_are_limited_to_four_types_and_the_configured_size(string contentType, long size, bool valid)
    {
        var body = new JsonObject { ["fileName"] = "a.pdf", ["contentType"] = contentType, ["size"] = size, ["sha256"] = new string('A', 64) };
        var errors = UploadRules.Validate(body, 100, out var value);
        Assert.Equal(valid, errors.Count == 0);
        if (valid) Assert.Equal(new string('a', 64), value!.Value.Sha256);
    }
}
