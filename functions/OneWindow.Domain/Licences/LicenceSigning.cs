using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;
using System.Buffers.Text;

namespace OneWindow.Domain.Licences;

/// <summary>
/// SM2 signatures with the SM3 digest (GB/T 32918, GM/T 0009) over licence payloads, by BouncyCastle: the default
/// signer id <c>1234567812345678</c>, signatures as r‖s (64 bytes, base64url), keys as hex — the private key the 32-byte
/// scalar, the public key the uncompressed point (04‖x‖y, 65 bytes).
/// </summary>
public static class LicenceSigning
{
    public const string Algorithm = "SM2";

    private static readonly ECDomainParameters Domain = CreateDomain();

    private static ECDomainParameters CreateDomain()
    {
        var curve = GMNamedCurves.GetByName("sm2p256v1");
        return new ECDomainParameters(curve.Curve, curve.G, curve.N, curve.H);
    }

    /// <summary>A new private key (hex).</summary>
    public static string NewPrivateKey()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        return Convert.ToHexStringLower(BigIntegers.AsUnsignedByteArray(32, ((ECPrivateKeyParameters)pair.Private).D));
    }

    /// <summary>The public key (uncompressed point, hex) of a private key (hex).</summary>
    public static string PublicKeyOf(string privateKeyHex) =>
        Convert.ToHexStringLower(Domain.G.Multiply(PrivateScalar(privateKeyHex)).Normalize().GetEncoded(false));

    /// <summary>Signs <paramref name="payload"/>'s canonical form; returns the signature (base64url r‖s).</summary>
    public static string Sign(LicencePayload payload, string privateKeyHex)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithRandom(new ECPrivateKeyParameters(PrivateScalar(privateKeyHex), Domain), new SecureRandom()));
        var bytes = payload.SignedBytes();
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Base64Url.EncodeToString(signer.GenerateSignature());
    }

    /// <summary>
    /// True when <paramref name="payload"/>'s signature verifies against <paramref name="publicKeyHex"/>; false for any
    /// malformed key or signature (never throws on bad input).
    /// </summary>
    public static bool Verify(LicencePayload payload, string publicKeyHex)
    {
        ArgumentNullException.ThrowIfNull(payload);
        try
        {
            var text = payload.Signature ?? "";
            if (!Base64Url.IsValid(text, out var length) || length != 64) return false;
            var signature = Base64Url.DecodeFromChars(text);
            var point = Domain.Curve.DecodePoint(Convert.FromHexString(publicKeyHex));
            var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
            signer.Init(false, new ECPublicKeyParameters(point, Domain));
            var bytes = payload.SignedBytes();
            signer.BlockUpdate(bytes, 0, bytes.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static BigInteger PrivateScalar(string privateKeyHex)
    {
        var d = new BigInteger(1, Convert.FromHexString(privateKeyHex));
        if (d.SignValue <= 0 || d.CompareTo(Domain.N) >= 0) throw new ArgumentException("The SM2 private key is out of range.", nameof(privateKeyHex));
        return d;
    }
}
