using System.Linq;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>PEM text: its size cap (issue 10, finding 6) and the hints when no key is found.</summary>
public sealed partial class PemKeyReaderTests
{
    [Fact]
    public void Finding06_OneMebibyteOfBeginLines_IsRefusedForItsSize_BeforeAnyParsing()
    {
        string pem = Repeat("-----BEGIN PUBLIC KEY-----\n", 1024 * 1024);
        Assert.True(pem.Length >= 1024 * 1024);
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256])
        {
            ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(algorithm, pem));
            Assert.Contains("65536 characters (64 KiB)", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Finding06_ManyBeginLinesUnderTheSizeCap_AreRefusedByTheirCount()
    {
        // About 2,400 begin lines in under 64 KiB: the search for an end line after each begin line is what made parsing quadratic.
        string pem = Repeat("-----BEGIN PUBLIC KEY-----\n", PemKeyReader.MaxPemLength - 1000);
        Assert.True(pem.Length <= PemKeyReader.MaxPemLength);
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
        Assert.Contains("more than 16 '-----BEGIN' lines", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finding06_TheCapsAreExactlyAsDocumented()
    {
        string key = TestKeys.Rsa.ExportSubjectPublicKeyInfoPem() + "\n";
        string filler = new('#', PemKeyReader.MaxPemLength - key.Length - 1);
        Assert.Equal(2048, JwtKey.FromPem(JwtAlgorithm.RS256, filler + "\n" + key).KeySizeInBits);
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, filler + "\n\n" + key));

        const string Certificate = "-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n";
        string fifteenCertificates = string.Concat(Enumerable.Repeat(Certificate, 15));
        Assert.Equal(2048, JwtKey.FromPem(JwtAlgorithm.RS256, key + fifteenCertificates).KeySizeInBits);
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, key + fifteenCertificates + Certificate));
        Assert.Contains("more than 16", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPemBlock_HintNamesAPrivateKeyLabelToo()
    {
        // A strategy's secret must be a private key: the hint must not only show a public-key label.
        ArgumentException refused = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, "not a key"));
        Assert.Contains("'-----BEGIN PRIVATE KEY-----'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'-----BEGIN PUBLIC KEY-----'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256, "RSA PRIVATE KEY")]
    [InlineData(JwtAlgorithm.PS256, "RSA PRIVATE KEY")]
    [InlineData(JwtAlgorithm.ES256, "EC PRIVATE KEY")]
    public void NoPemBlock_WhenAPrivateKeyIsExpected_TheHintNamesOnlyPrivateKeyLabels(JwtAlgorithm algorithm, string label)
    {
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        ArgumentException refused = Assert.Throws<ArgumentException>("secret", () => PemKeyReader.CheckLabel("not a key", family, "secret", expectPrivate: true));
        Assert.Contains("'-----BEGIN PRIVATE KEY-----'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(label, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PUBLIC", refused.Message, StringComparison.Ordinal);

        ArgumentException publicHint = Assert.Throws<ArgumentException>("key", () => PemKeyReader.CheckLabel("not a key", family, "key", expectPrivate: false));
        Assert.Contains("'-----BEGIN PUBLIC KEY-----'", publicHint.Message, StringComparison.Ordinal);
    }

    private static string Repeat(string line, int atLeast)
    {
        var text = new StringBuilder(atLeast + line.Length);
        while (text.Length < atLeast)
        {
            text.Append(line);
        }

        return text.ToString();
    }
}

public partial class PemKeyReaderTests
{
    private static readonly byte[] Payload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static bool Verifies(string token, JwtKey key) =>
        Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out _, out _);

    // ---- PEM ----

    public static TheoryData<string, JwtAlgorithm, bool> RsaPemFormats => new()
    {
        { "PKCS#1 private (RSA PRIVATE KEY)", JwtAlgorithm.RS256, true },
        { "PKCS#8 private (PRIVATE KEY)", JwtAlgorithm.PS384, true },
        { "SPKI public (PUBLIC KEY)", JwtAlgorithm.RS512, false },
        { "PKCS#1 public (RSA PUBLIC KEY)", JwtAlgorithm.PS256, false },
    };

    private static string RsaPem(string format) => format switch
    {
        "PKCS#1 private (RSA PRIVATE KEY)" => TestKeys.Rsa.ExportRSAPrivateKeyPem(),
        "PKCS#8 private (PRIVATE KEY)" => TestKeys.Rsa.ExportPkcs8PrivateKeyPem(),
        "SPKI public (PUBLIC KEY)" => TestKeys.Rsa.ExportSubjectPublicKeyInfoPem(),
        "PKCS#1 public (RSA PUBLIC KEY)" => TestKeys.Rsa.ExportRSAPublicKeyPem(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(RsaPemFormats))]
    public void FromPem_loads_RSA_key_formats(string format, JwtAlgorithm algorithm, bool isPrivate)
    {
        JwtKey key = JwtKey.FromPem(algorithm, RsaPem(format), keyId: "pem");
        Assert.IsType<RsaKey>(key);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal("pem", key.KeyId);
        Assert.Equal(isPrivate, key.CanSign);
        Assert.Equal(2048, key.KeySizeInBits);
        Assert.True(key.PublicKeyEquals(JwtKey.FromRsa(algorithm, TestKeys.Rsa)));
        Assert.True(Verifies(Jws.Sign(Payload, JwtKey.FromRsa(algorithm, TestKeys.Rsa)), key));
    }

    public static TheoryData<string, JwtAlgorithm, bool> EcPemFormats => new()
    {
        { "SEC1 private (EC PRIVATE KEY)", JwtAlgorithm.ES256, true },
        { "SEC1 private (EC PRIVATE KEY)", JwtAlgorithm.ES384, true },
        { "SEC1 private (EC PRIVATE KEY)", JwtAlgorithm.ES512, true },
        { "PKCS#8 private (PRIVATE KEY)", JwtAlgorithm.ES256, true },
        { "SPKI public (PUBLIC KEY)", JwtAlgorithm.ES384, false },
    };

    [Theory]
    [MemberData(nameof(EcPemFormats))]
    public void FromPem_loads_EC_key_formats(string format, JwtAlgorithm algorithm, bool isPrivate)
    {
        using ECDsa ecdsa = ECDsa.Create(TestKeys.CurveFor(algorithm));
        string pem = format switch
        {
            "SEC1 private (EC PRIVATE KEY)" => ecdsa.ExportECPrivateKeyPem(),
            "PKCS#8 private (PRIVATE KEY)" => ecdsa.ExportPkcs8PrivateKeyPem(),
            _ => ecdsa.ExportSubjectPublicKeyInfoPem(),
        };
        JwtKey key = JwtKey.FromPem(algorithm, pem);
        JwtKey original = JwtKey.FromECDsa(algorithm, ecdsa);
        Assert.IsType<EcKey>(key);
        Assert.Equal(isPrivate, key.CanSign);
        Assert.True(key.PublicKeyEquals(original));
        Assert.True(Verifies(Jws.Sign(Payload, original), key));
    }

    [Fact]
    public void FromPem_private_key_signs_tokens_its_public_PEM_verifies()
    {
        JwtKey signer = JwtKey.FromPem(JwtAlgorithm.RS256, TestKeys.Rsa.ExportPkcs8PrivateKeyPem());
        JwtKey verifier = JwtKey.FromPem(JwtAlgorithm.RS256, TestKeys.Rsa.ExportSubjectPublicKeyInfoPem());
        Assert.True(Verifies(Jws.Sign(Payload, signer), verifier));
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS384)]
    [InlineData(JwtAlgorithm.HS512)]
    public void FromPem_refuses_an_HMAC_algorithm(JwtAlgorithm algorithm)
    {
        string pem = TestKeys.Rsa.ExportSubjectPublicKeyInfoPem();
        Assert.Throws<ArgumentException>("algorithm", () => JwtKey.FromPem(algorithm, pem));
    }

    [Fact]
    public void FromPem_refuses_null()
    {
        Assert.Throws<ArgumentNullException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n")]
    public void FromPem_refuses_text_without_a_PEM_block(string pem)
    {
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
    }

    [Fact]
    public void FromPem_refuses_a_PEM_block_with_a_corrupt_body()
    {
        string pem = "-----BEGIN PUBLIC KEY-----\nAAAAAAAA\n-----END PUBLIC KEY-----\n";
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
    }

    [Fact]
    public void FromPem_refuses_an_encrypted_private_key()
    {
        string pem = TestKeys.Rsa.ExportEncryptedPkcs8PrivateKeyPem(
            "password", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1));
        var e = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, pem));
        Assert.Contains("Encrypted", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_refuses_a_certificate()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", ecdsa, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1));
        var e = Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES256, certificate.ExportCertificatePem()));
        Assert.Contains("certificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPem_refuses_an_EC_key_for_an_RSA_algorithm()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.RS256, ecdsa.ExportECPrivateKeyPem()));
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.PS256, ecdsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void FromPem_refuses_an_RSA_key_for_an_EC_algorithm()
    {
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES256, TestKeys.Rsa.ExportRSAPrivateKeyPem()));
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES256, TestKeys.Rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES256, TestKeys.Rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void FromPem_refuses_an_EC_key_on_another_curve()
    {
        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES384, p256.ExportSubjectPublicKeyInfoPem()));
        Assert.Throws<ArgumentException>("pem", () => JwtKey.FromPem(JwtAlgorithm.ES512, p256.ExportECPrivateKeyPem()));
    }
}
