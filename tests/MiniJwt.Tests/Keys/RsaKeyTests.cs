using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>RSA keys: the public exponent bound (issue 10, finding 7) and the smallest modulus each algorithm can sign with (finding 10).</summary>
public sealed partial class RsaKeyTests
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

public partial class RsaKeyTests
{
    private static readonly byte[] Payload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static bool Verifies(string token, JwtKey key) =>
        Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out _, out _);

    // ---- RSA ----

    [Fact]
    public void FromRsa_refuses_a_key_under_2048_bits()
    {
        using RSA rsa = RSA.Create(1024);
        var e = Assert.Throws<ArgumentException>("rsa", () => JwtKey.FromRsa(JwtAlgorithm.RS256, rsa));
        Assert.Contains("2048", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromRsa_accepts_a_key_under_2048_bits_with_allowWeakKey()
    {
        using RSA rsa = RSA.Create(1024);
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, rsa, allowWeakKey: true);
        Assert.Equal(1024, key.KeySizeInBits);
        Assert.Equal(128, key.SignatureSize);
        Assert.True(Verifies(Jws.Sign(Payload, key), key.ToPublicKey()));
    }

    [Fact]
    public void FromPem_refuses_an_RSA_key_under_2048_bits_unless_allowWeakKey()
    {
        using RSA rsa = RSA.Create(1024);
        string pem = rsa.ExportSubjectPublicKeyInfoPem();
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
        Assert.Equal(1024, JwtKey.FromPem(JwtAlgorithm.RS256, pem, allowWeakKey: true).KeySizeInBits);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.ES256)]
    public void FromRsa_refuses_a_non_RSA_algorithm(JwtAlgorithm algorithm)
    {
        Assert.Throws<ArgumentException>("algorithm", () => JwtKey.FromRsa(algorithm, TestKeys.Rsa));
    }

    [Fact]
    public void FromRsa_refuses_null()
    {
        Assert.Throws<ArgumentNullException>("rsa", () => JwtKey.FromRsa(JwtAlgorithm.RS256, null!));
    }

    [Fact]
    public void FromRsa_keeps_a_copy_of_the_key()
    {
        RSA rsa = RSA.Create();
        rsa.ImportParameters(TestKeys.Rsa.ExportParameters(true));
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, rsa);
        rsa.Dispose();
        Assert.True(key.CanSign);
        Assert.True(Verifies(Jws.Sign(Payload, key), key));
    }

    [Fact]
    public void FromRsa_with_a_public_key_cannot_sign_but_verifies()
    {
        JwtKey signer = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa);
        using RSA publicOnly = RSA.Create();
        publicOnly.ImportParameters(TestKeys.Rsa.ExportParameters(false));
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, publicOnly);

        Assert.False(key.CanSign);
        Assert.Throws<InvalidOperationException>(() => Jws.Sign(Payload, key));
        Assert.True(Verifies(Jws.Sign(Payload, signer), key));
    }

    [Fact]
    public void Rsa_private_key_verifies_its_own_tokens()
    {
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.PS256, TestKeys.Rsa);
        Assert.True(key.CanSign);
        Assert.True(Verifies(Jws.Sign(Payload, key), key));
    }

    [Fact]
    public void Rsa_ToPublicKey_gives_a_verify_only_key_with_the_same_public_key()
    {
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS384, TestKeys.Rsa, keyId: "r1");
        JwtKey publicKey = key.ToPublicKey();
        Assert.False(publicKey.CanSign);
        Assert.Equal(JwtAlgorithm.RS384, publicKey.Algorithm);
        Assert.Equal("r1", publicKey.KeyId);
        Assert.True(publicKey.PublicKeyEquals(key));
        Assert.True(key.PublicKeyEquals(publicKey));
        Assert.Same(publicKey, publicKey.ToPublicKey());
        Assert.True(Verifies(Jws.Sign(Payload, key), publicKey));
        Assert.Throws<InvalidOperationException>(() => Jws.Sign(Payload, publicKey));
    }

    [Fact]
    public void Rsa_PublicKeyEquals_is_false_for_another_key_or_algorithm()
    {
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa);
        Assert.False(key.PublicKeyEquals(JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.OtherRsa)));
        Assert.False(key.PublicKeyEquals(JwtKey.FromRsa(JwtAlgorithm.PS256, TestKeys.Rsa)));
        Assert.False(key.PublicKeyEquals(TestKeys.Hs256));
    }
}
