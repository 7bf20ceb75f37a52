using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>ECDSA keys: MiniJwt signs low-S only, and still verifies the high-S spelling others write (issue 10, finding 1).</summary>
public sealed partial class EcKeyTests
{
    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_EverySignatureMiniJwtMakes_HasLowS(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        BigInteger n = PlatformOrder(algorithm), half = n / 2;
        byte[] signature = new byte[key.SignatureSize];
        int high = 0;
        for (int i = 0; i < 200; i++)
        {
            byte[] input = BitConverter.GetBytes(i);
            Assert.Equal(signature.Length, key.Sign(input, signature));
            BigInteger s = Unsigned(signature.AsSpan(signature.Length / 2));
            high += s > half ? 1 : 0;
            Assert.True(key.Verify(input, signature));
        }

        // Without the rewrite about half would be high: 200 low in a row by chance is 2^-200.
        Assert.Equal(0, high);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_TheHighSRespellingOtherLibrariesWrite_StillVerifies(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        int half = key.SignatureSize / 2;
        BigInteger n = PlatformOrder(algorithm);
        byte[] input = "header.payload"u8.ToArray();
        byte[] signature = new byte[key.SignatureSize];
        key.Sign(input, signature);

        byte[] respelled = (byte[])signature.Clone();
        BigInteger highS = n - Unsigned(signature.AsSpan(half));
        Assert.True(highS > n / 2);
        Assert.True(highS.TryWriteBytes(respelled.AsSpan(half + (half - highS.GetByteCount(isUnsigned: true))), out _, isUnsigned: true, isBigEndian: true));

        Assert.NotEqual(signature, respelled);
        Assert.True(key.Verify(input, respelled));
        Assert.True(key.ToPublicKey().Verify(input, respelled));
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void Finding01_NormalizeToLowS_RewritesExactlyTheHighHalf(JwtAlgorithm algorithm)
    {
        BigInteger n = PlatformOrder(algorithm);
        int size = EcKey.Order(algorithm).Length;
        Assert.Equal(n, Unsigned(EcKey.Order(algorithm)));
        foreach (BigInteger s in (BigInteger[])[1, n / 2, (n / 2) + 1, n - 1])
        {
            byte[] signature = new byte[2 * size];
            signature[0] = 0x42; // r is left alone
            s.TryWriteBytes(signature.AsSpan((2 * size) - s.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
            EcKey.NormalizeToLowS(algorithm, signature);
            Assert.Equal(0x42, signature[0]);
            Assert.Equal(s > n / 2 ? n - s : s, Unsigned(signature.AsSpan(size)));
        }
    }

    private static BigInteger PlatformOrder(JwtAlgorithm algorithm)
    {
        using ECDsa ecdsa = ECDsa.Create(TestKeys.CurveFor(algorithm));
        return Unsigned(ecdsa.ExportExplicitParameters(includePrivateParameters: false).Curve.Order);
    }

    private static BigInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);
}

public partial class EcKeyTests
{
    private static readonly byte[] Payload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static bool Verifies(string token, JwtKey key) =>
        Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out _, out _);

    // ---- EC ----

    [Theory]
    [InlineData(JwtAlgorithm.ES384, "nistP256")]
    [InlineData(JwtAlgorithm.ES512, "nistP256")]
    [InlineData(JwtAlgorithm.ES256, "nistP384")]
    [InlineData(JwtAlgorithm.ES512, "nistP384")]
    [InlineData(JwtAlgorithm.ES256, "nistP521")]
    [InlineData(JwtAlgorithm.ES384, "nistP521")]
    [InlineData(JwtAlgorithm.ES256, "brainpoolP256r1")]
    [InlineData(JwtAlgorithm.ES384, "brainpoolP384r1")]
    public void FromECDsa_refuses_a_key_on_another_curve(JwtAlgorithm algorithm, string curve)
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var e = Assert.Throws<ArgumentException>("ecdsa", () => JwtKey.FromECDsa(algorithm, ecdsa));
        Assert.Contains(JwtAlgorithms.GetName(algorithm), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256, 256, 64)]
    [InlineData(JwtAlgorithm.ES384, 384, 96)]
    [InlineData(JwtAlgorithm.ES512, 521, 132)]
    public void FromECDsa_accepts_the_matching_curve(JwtAlgorithm algorithm, int bits, int signatureSize)
    {
        using ECDsa ecdsa = ECDsa.Create(TestKeys.CurveFor(algorithm));
        JwtKey key = JwtKey.FromECDsa(algorithm, ecdsa);
        Assert.Equal(bits, key.KeySizeInBits);
        Assert.Equal(signatureSize, key.SignatureSize);
        Assert.True(key.CanSign);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS512)]
    public void FromECDsa_refuses_a_non_EC_algorithm(JwtAlgorithm algorithm)
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ArgumentException>("algorithm", () => JwtKey.FromECDsa(algorithm, ecdsa));
    }

    [Fact]
    public void FromECDsa_refuses_null()
    {
        Assert.Throws<ArgumentNullException>("ecdsa", () => JwtKey.FromECDsa(JwtAlgorithm.ES256, null!));
    }

    [Fact]
    public void FromECDsa_with_a_public_key_cannot_sign_but_verifies()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwtKey signer = JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa);
        using ECDsa publicOnly = ECDsa.Create(ecdsa.ExportParameters(false));
        JwtKey key = JwtKey.FromECDsa(JwtAlgorithm.ES256, publicOnly);

        Assert.False(key.CanSign);
        Assert.Throws<InvalidOperationException>(() => Jws.Sign(Payload, key));
        Assert.True(Verifies(Jws.Sign(Payload, signer), key));
    }

    [Fact]
    public void Ec_private_key_verifies_its_own_tokens()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.ES384);
        Assert.True(Verifies(Jws.Sign(Payload, key), key));
    }

    [Fact]
    public void Ec_ToPublicKey_gives_a_verify_only_key_with_the_same_public_key()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.ES512, keyId: "e1");
        JwtKey publicKey = key.ToPublicKey();
        Assert.False(publicKey.CanSign);
        Assert.Equal("e1", publicKey.KeyId);
        Assert.True(publicKey.PublicKeyEquals(key));
        Assert.Same(publicKey, publicKey.ToPublicKey());
        Assert.True(Verifies(Jws.Sign(Payload, key), publicKey));
    }

    [Fact]
    public void Ec_PublicKeyEquals_is_false_for_another_key()
    {
        Assert.False(TestKeys.For(JwtAlgorithm.ES256).PublicKeyEquals(TestKeys.For(JwtAlgorithm.ES256)));
    }

    [Fact]
    public void Ec_key_signs_raw_R_S_of_the_fixed_size_never_DER()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.ES256);
        string token = Jws.Sign(Payload, key);
        Assert.Equal(64, JwtBase64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1)).Length);
    }
}
