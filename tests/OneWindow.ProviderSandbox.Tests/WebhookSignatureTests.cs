using OneWindow.ProviderSandbox;
using Xunit;

namespace OneWindow.ProviderSandbox.Tests;

public sealed class WebhookSignatureTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_780_000_000);

    [Fact]
    public void Sign_matches_an_independently_computed_hmac()
    {
        // Computed with: printf '1780000000.{"a":1}' | openssl dgst -sha256 -hmac demo-secret-amr
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            "demo-secret-amr"u8, "1780000000.{\"a\":1}"u8));
        Assert.Equal(expected, WebhookSignature.Sign("demo-secret-amr", 1_780_000_000, "{\"a\":1}"));
        Assert.StartsWith("sha256=", expected, StringComparison.Ordinal);
        Assert.Equal(7 + 64, expected.Length);
    }

    [Fact]
    public void Verify_accepts_own_signature_within_window()
    {
        var signature = WebhookSignature.Sign("s", Now.ToUnixTimeSeconds() - 299, "body");
        Assert.True(WebhookSignature.Verify("s", (Now.ToUnixTimeSeconds() - 299).ToString(System.Globalization.CultureInfo.InvariantCulture), "body", signature, Now));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void Verify_rejects_timestamps_outside_300_seconds(int ageSeconds)
    {
        var ts = Now.ToUnixTimeSeconds() - ageSeconds;
        var signature = WebhookSignature.Sign("s", ts, "body");
        Assert.False(WebhookSignature.Verify("s", ts.ToString(System.Globalization.CultureInfo.InvariantCulture), "body", signature, Now));
    }

    [Fact]
    public void Verify_rejects_wrong_secret_changed_body_and_garbage()
    {
        var ts = Now.ToUnixTimeSeconds();
        var text = ts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = WebhookSignature.Sign("s", ts, "body");
        Assert.False(WebhookSignature.Verify("other", text, "body", signature, Now));
        Assert.False(WebhookSignature.Verify("s", text, "body!", signature, Now));
        Assert.False(WebhookSignature.Verify("s", text, "body", null, Now));
        Assert.False(WebhookSignature.Verify("s", "not-a-number", "body", signature, Now));
        Assert.False(WebhookSignature.Verify("s", text, "body", "sha256=00", Now));
    }
}
