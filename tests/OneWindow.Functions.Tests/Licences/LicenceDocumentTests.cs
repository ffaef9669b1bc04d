using System.Text;
using OneWindow.Domain.Licences;
using OneWindow.Functions.Licences;
using OneWindow.LicenceVerifier;
using Xunit;

namespace OneWindow.Functions.Tests.Licences;

/// <summary>The rendered PDF (SkiaSharp, Noto CJK, QR) and the offline verifier on it: valid as issued, invalid when tampered.</summary>
public sealed class LicenceDocumentTests
{
    private static readonly string Key = LicenceSigning.NewPrivateKey();

    private static LicencePayload Signed()
    {
        var payload = new LicencePayload("341881-food-business-licence-2026-000007", 1, "food-business-licence", "market-regulation",
            "食品经营许可证", "王五", "110***********1234", new DateOnly(2026, 11, 30), new DateOnly(2031, 11, 29));
        return payload with { Signature = LicenceSigning.Sign(payload, Key) };
    }

    private static byte[] Render(LicencePayload payload) =>
        new LicenceDocument(new LicenceOptions()).Render(payload, new LicenceDocument.View("食品经营许可", "县市场监督管理局", "热食类食品制售", "person"));

    [Fact]
    public void The_PDF_embeds_the_CJK_font_and_carries_the_signed_payload()
    {
        var signed = Signed(); // SM2 signatures are randomised: one signing, one expectation
        var pdf = Render(signed);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(pdf, 0, 8), StringComparison.Ordinal);
        Assert.Contains("NotoSansCJK", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
        Assert.Equal(signed.ToQrText(), LicencePdfPayload.Extract(pdf));
    }

    [Fact]
    public void The_verifier_accepts_the_PDF_and_the_payload_and_refuses_a_tampered_field()
    {
        var publicKey = LicenceSigning.PublicKeyOf(Key);
        var path = Path.Combine(Path.GetTempPath(), $"licence-{Guid.NewGuid():N}.pdf");
        try
        {
            File.WriteAllBytes(path, Render(Signed()));
            Assert.Equal(Verification.Valid, Run("--public-key", publicKey, path));
            Assert.Equal(Verification.Valid, Run("--public-key", publicKey, Signed().ToQrText()));

            // The holder's name changed, the signature kept: a PDF rendered from tampered fields does not verify.
            File.WriteAllBytes(path, Render(Signed() with { Holder = "赵六" }));
            var output = new StringWriter();
            Assert.Equal(Verification.Invalid, Verification.Run(["--public-key", publicKey, path], TextReader.Null, output, TextWriter.Null));
            Assert.Contains("INVALID", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(Verification.Invalid, Run("--public-key", publicKey, Signed().ToQrText().Replace("|20311129|", "|20411129|", StringComparison.Ordinal)));
            Assert.Equal(Verification.Invalid, Run("--public-key", LicenceSigning.PublicKeyOf(LicenceSigning.NewPrivateKey()), Signed().ToQrText()));

            Assert.Equal(Verification.Unreadable, Run("--public-key", publicKey, "not a payload"));
            Assert.Equal(Verification.Unreadable, Run(Signed().ToQrText()));
            File.WriteAllText(path, "%PDF-1.4 nothing here");
            Assert.Equal(Verification.Unreadable, Run("--public-key", publicKey, path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int Run(params string[] args) => Verification.Run(args, TextReader.Null, TextWriter.Null, TextWriter.Null);
}
