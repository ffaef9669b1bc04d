using System.Security.Cryptography;
using System.Text;
using OneWindow.Domain.Departments;
using Xunit;

namespace OneWindow.Domain.Tests;

public class DepartmentWebhookSignatureTests
{
    private const string Secret = "demo-secret-market-regulation";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"taskId":"t-1","decision":"approve","opinion":"同意"}""");

    // Computed here from API.md's definition, not with the code under test.
    private static string Expected(long timestamp, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.ASCII.GetBytes(timestamp + "."), .. body]));

    [Fact]
    public void Sign_follows_api_md_byte_for_byte() =>
        Assert.Equal(Expected(Now.ToUnixTimeSeconds(), Body), DepartmentWebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body));

    [Fact]
    public void A_good_signature_within_the_window_is_valid_either_side_of_now()
    {
        foreach (var skew in new[] { -300, -1, 0, 1, 300 })
        {
            var ts = Now.ToUnixTimeSeconds() + skew;
            Assert.Equal(WebhookVerification.Valid, DepartmentWebhookSignature.Verify(Secret, ts.ToString(), Expected(ts, Body), Body, Now));
        }

        // Upper-case hex is the same signature.
        var t = Now.ToUnixTimeSeconds();
        Assert.Equal(WebhookVerification.Valid, DepartmentWebhookSignature.Verify(Secret, t.ToString(), "sha256=" + Expected(t, Body)[7..].ToUpperInvariant(), Body, Now));
    }

    [Fact]
    public void A_timestamp_more_than_300_seconds_away_is_stale()
    {
        foreach (var skew in new[] { -301, 301, -86_400 })
        {
            var ts = Now.ToUnixTimeSeconds() + skew;
            Assert.Equal(WebhookVerification.StaleTimestamp, DepartmentWebhookSignature.Verify(Secret, ts.ToString(), Expected(ts, Body), Body, Now));
        }
    }

    [Fact]
    public void Any_change_to_body_timestamp_or_secret_breaks_the_signature()
    {
        var ts = Now.ToUnixTimeSeconds();
        var signature = Expected(ts, Body);
        var tampered = (byte[])Body.Clone();
        tampered[^3] ^= 1;
        Assert.Equal(WebhookVerification.BadSignature, DepartmentWebhookSignature.Verify(Secret, ts.ToString(), signature, tampered, Now));
        Assert.Equal(WebhookVerification.BadSignature, DepartmentWebhookSignature.Verify(Secret, (ts + 1).ToString(), signature, Body, Now));
        Assert.Equal(WebhookVerification.BadSignature, DepartmentWebhookSignature.Verify("demo-secret-health", ts.ToString(), signature, Body, Now));
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("", "sha256=00")]
    [InlineData("-5", null)]
    [InlineData("12.5", null)]
    [InlineData("1795000000", null)]
    [InlineData("1795000000", "md5=0011")]
    [InlineData("1795000000", "sha256=zz")]
    [InlineData("1795000000", "sha256=zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature) =>
        Assert.Equal(WebhookVerification.MissingOrMalformedHeaders, DepartmentWebhookSignature.Verify(Secret, timestamp, signature, Body, Now));
}
