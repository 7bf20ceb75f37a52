using System;
using System.Security.Cryptography;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>RSA keys: the public exponent bound (issue 10, finding 7) and the smallest modulus each algorithm can sign with (finding 10).</summary>
public sealed class RsaKeyTests
{
    private static readonly byte[] s_modulus = TestKeys.Rsa.ExportParameters(false).Modulus!;

    public static TheoryData<string> HugeExponents => new()
    {
        "0100000001", // 2^32 + 1
        "FFFFFFFFFF",
        "01" + new string('0', 252) + "01", // a 1,017-bit exponent
        "7F" + new string('F', 508), // a 2,039-bit exponent under a 2,048-bit modulus
    };

    [Theory]
    [MemberData(nameof(HugeExponents))]
    public void Finding07_RsaExponentOf2To32OrMore_IsRefusedInEveryPath(string exponentHex)
    {
        using RSA rsa = ImportPublic(Convert.FromHexString(exponentHex));
        string pkcs1Pem = rsa.ExportRSAPublicKeyPem();
        string spkiPem = rsa.ExportSubjectPublicKeyInfoPem();
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.PS512])
        {
            AssertBound(Assert.Throws<ArgumentException>("rsa", () => JwtKey.FromRsa(algorithm, rsa)));
            AssertBound(Assert.Throws<ArgumentException>("rsa", () => JwtKey.FromRsa(algorithm, rsa, allowWeakKey: true)));
            AssertBound(Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, pkcs1Pem)));
            AssertBound(Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, spkiPem)));
        }

        Assert.NotNull(RsaKey.CheckPublicExponent(Convert.FromHexString(exponentHex)));

        static void AssertBound(ArgumentException e) => Assert.Contains("below 2^32", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("03")]
    [InlineData("11")]
    [InlineData("010001")]
    [InlineData("00010001")]
    [InlineData("FFFFFFFF")] // 2^32 − 1, the largest accepted
    public void Finding07_UsualExponentsUpTo2To32Minus1_AreAccepted(string exponentHex)
    {
        using RSA rsa = ImportPublic(Convert.FromHexString(exponentHex));
        Assert.Null(RsaKey.CheckPublicExponent(Convert.FromHexString(exponentHex)));
        Assert.Equal(2048, JwtKey.FromRsa(JwtAlgorithm.RS256, rsa).KeySizeInBits);
        Assert.Equal(2048, JwtKey.FromPem(JwtAlgorithm.PS256, rsa.ExportRSAPublicKeyPem()).KeySizeInBits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("01")]
    [InlineData("02")]
    [InlineData("010000")]
    [InlineData("0100000000")]
    public void CheckPublicExponent_RefusesEvenAndTinyExponents(string exponentHex)
    {
        string? problem = RsaKey.CheckPublicExponent(Convert.FromHexString(exponentHex));
        Assert.NotNull(problem);
        Assert.Contains("odd and at least 3", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS512, 512)]
    [InlineData(JwtAlgorithm.RS512, 744)]
    [InlineData(JwtAlgorithm.PS512, 1024)]
    [InlineData(JwtAlgorithm.PS384, 776)]
    [InlineData(JwtAlgorithm.PS256, 512)]
    [InlineData(JwtAlgorithm.RS384, 512)]
    public void Finding10_AllowWeakKey_DoesNotAdmitAKeyTooSmallToSignWithItsAlgorithm(JwtAlgorithm algorithm, int bits)
    {
        using RSA rsa = RSA.Create(bits);
        ArgumentException refused = Assert.Throws<ArgumentException>("rsa", () => JwtKey.FromRsa(algorithm, rsa, allowWeakKey: true));
        Assert.Contains("too small to sign with " + algorithm, refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, rsa.ExportPkcs8PrivateKeyPem(), allowWeakKey: true));
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, rsa.ExportSubjectPublicKeyInfoPem(), allowWeakKey: true));
    }

    [Theory]
    [InlineData(512)]
    [InlineData(752)]
    [InlineData(768)]
    [InlineData(1024)]
    [InlineData(1040)]
    public void Finding10_EveryWeakKeyThatIsAdmitted_CanSign(int bits)
    {
        using RSA rsa = RSA.Create(bits);
        byte[] input = "header.payload"u8.ToArray();
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512, JwtAlgorithm.PS256, JwtAlgorithm.PS384, JwtAlgorithm.PS512])
        {
            JwtKey key;
            try
            {
                key = JwtKey.FromRsa(algorithm, rsa, allowWeakKey: true);
            }
            catch (ArgumentException e)
            {
                Assert.Contains("too small to sign", e.Message, StringComparison.Ordinal);
                continue;
            }

            byte[] signature = new byte[key.SignatureSize];
            Assert.Equal(key.SignatureSize, key.Sign(input, signature));
            Assert.True(key.Verify(input, signature));
        }
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256, 488, 489)]
    [InlineData(JwtAlgorithm.RS384, 616, 617)]
    [InlineData(JwtAlgorithm.RS512, 744, 745)]
    [InlineData(JwtAlgorithm.PS256, 521, 522)]
    [InlineData(JwtAlgorithm.PS384, 777, 778)]
    [InlineData(JwtAlgorithm.PS512, 1033, 1034)]
    public void Finding10_TheSmallestModulusIsExactlyWhatThePaddingNeeds(JwtAlgorithm algorithm, int refusedBits, int acceptedBits)
    {
        Assert.NotNull(RsaKey.CheckModulusSize(algorithm, refusedBits, allowWeakKey: true));
        Assert.Null(RsaKey.CheckModulusSize(algorithm, acceptedBits, allowWeakKey: true));
        Assert.NotNull(RsaKey.CheckModulusSize(algorithm, acceptedBits, allowWeakKey: false));
        Assert.Null(RsaKey.CheckModulusSize(algorithm, 2048, allowWeakKey: false));
    }

    private static RSA ImportPublic(byte[] exponent)
    {
        RSA rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = s_modulus, Exponent = exponent });
        return rsa;
    }
}
