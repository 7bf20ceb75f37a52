using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests;

public class KeyTests
{
    private static readonly byte[] Payload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static bool Verifies(string token, JwtKey key) =>
        Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out _, out _);

    // ---- HMAC secrets ----

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 31)]
    [InlineData(JwtAlgorithm.HS384, 47)]
    [InlineData(JwtAlgorithm.HS512, 63)]
    [InlineData(JwtAlgorithm.HS256, 1)]
    public void Hmac_refuses_a_secret_shorter_than_the_hash(JwtAlgorithm algorithm, int length)
    {
        byte[] secret = new byte[length];
        secret.AsSpan().Fill(0x5A);
        var e = Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(algorithm, secret));
        Assert.Contains("allowWeakKey", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 31)]
    [InlineData(JwtAlgorithm.HS384, 47)]
    [InlineData(JwtAlgorithm.HS512, 63)]
    public void Hmac_refuses_a_short_string_secret(JwtAlgorithm algorithm, int length)
    {
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(algorithm, new string('s', length)));
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 32)]
    [InlineData(JwtAlgorithm.HS384, 48)]
    [InlineData(JwtAlgorithm.HS512, 64)]
    public void Hmac_accepts_a_secret_as_long_as_the_hash(JwtAlgorithm algorithm, int length)
    {
        byte[] secret = new byte[length];
        secret.AsSpan().Fill(0x5A);
        JwtKey key = JwtKey.FromSecret(algorithm, secret);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(length * 8, key.KeySizeInBits);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 31)]
    [InlineData(JwtAlgorithm.HS384, 47)]
    [InlineData(JwtAlgorithm.HS512, 1)]
    public void Hmac_accepts_a_short_secret_with_allowWeakKey(JwtAlgorithm algorithm, int length)
    {
        JwtKey key = JwtKey.FromSecret(algorithm, new string('s', length), allowWeakKey: true);
        string token = Jws.Sign(Payload, key);
        Assert.True(Verifies(token, key));
    }

    [Fact]
    public void Hmac_counts_the_utf8_bytes_of_a_string_secret()
    {
        // 16 characters, 32 UTF-8 bytes: long enough for HS256.
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, new string('é', 16));
        Assert.Equal(256, key.KeySizeInBits);
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, new string('é', 15) + "x"));
    }

    [Fact]
    public void Hmac_refuses_an_empty_secret_even_with_allowWeakKey()
    {
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, string.Empty, allowWeakKey: true));
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, ReadOnlySpan<byte>.Empty, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_a_null_secret()
    {
        Assert.Throws<ArgumentNullException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, (string)null!));
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS256)]
    [InlineData(JwtAlgorithm.ES256)]
    public void Hmac_refuses_a_non_HMAC_algorithm(JwtAlgorithm algorithm)
    {
        Assert.Throws<ArgumentException>("algorithm", () => JwtKey.FromSecret(algorithm, TestKeys.Secret64));
    }

    [Fact]
    public void Hmac_refuses_an_RSA_public_key_PEM_as_secret()
    {
        string pem = TestKeys.Rsa.ExportSubjectPublicKeyInfoPem();
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, pem, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_a_PEM_block_after_leading_text()
    {
        string pem = "my key:\n" + TestKeys.Rsa.ExportRSAPublicKeyPem();
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS512, pem, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_an_EC_private_key_PEM_as_secret()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, ecdsa.ExportECPrivateKeyPem(), allowWeakKey: true));
    }

    [Theory]
    [InlineData("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA2zh4MrKj5QvrlXd8Q4QyZp9KT3y0bhSO user@host")]
    [InlineData("  ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host\n")]
    [InlineData("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmK user@host")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP1/U4EddRIpUt9KnC7s5Of2EbdSPO9EAMMeP4C2USZpRV1AIlH7WT2NWPq user@host")]
    public void Hmac_refuses_an_SSH_public_key_as_secret(string secret)
    {
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, secret, allowWeakKey: true));
    }

    [Theory]
    [InlineData("{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}")]
    [InlineData(" {\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp\"}")]
    public void Hmac_refuses_a_JWK_as_secret(string secret)
    {
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, secret, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_DER_SPKI_bytes_of_an_RSA_key_as_secret()
    {
        byte[] der = TestKeys.Rsa.ExportSubjectPublicKeyInfo();
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, der, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_DER_SPKI_bytes_of_an_EC_key_as_secret()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] der = ecdsa.ExportSubjectPublicKeyInfo();
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, der, allowWeakKey: true));
    }

    [Theory]
    [InlineData(0x20)]
    [InlineData(0x0A)]
    public void Hmac_refuses_DER_SPKI_bytes_of_an_EC_key_that_end_in_a_whitespace_byte(int lastByte)
    {
        // An SPKI ends with the point's Y coordinate, so about one EC key in 64 ends in such a byte.
        byte[] der;
        do
        {
            using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            der = ecdsa.ExportSubjectPublicKeyInfo();
        }
        while (der[^1] != lastByte);

        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, der, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_refuses_DER_PKCS8_bytes_of_an_RSA_key_as_secret()
    {
        byte[] der = TestKeys.Rsa.ExportPkcs8PrivateKey();
        Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, der, allowWeakKey: true));
    }

    [Fact]
    public void Hmac_keeps_a_copy_of_the_secret()
    {
        byte[] secret = Encoding.ASCII.GetBytes(TestKeys.Secret64);
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, secret);
        string token = Jws.Sign(Payload, key);
        secret.AsSpan().Clear();
        Assert.True(Verifies(token, key));
        Assert.Equal(token, Jws.Sign(Payload, key));
    }

    [Fact]
    public void Hmac_key_signs_and_verifies_correctly_under_concurrency()
    {
        JwtKey key = TestKeys.Hs256;
        byte[][] payloads = new byte[64][];
        string[] expected = new string[payloads.Length];
        for (int i = 0; i < payloads.Length; i++)
        {
            payloads[i] = Encoding.ASCII.GetBytes("{\"n\":" + i + "}");
            expected[i] = Jws.Sign(payloads[i], key);
        }

        bool[] ok = new bool[2000];
        Parallel.For(0, ok.Length, i =>
        {
            int n = i % payloads.Length;
            string token = Jws.Sign(payloads[n], key);
            ok[i] = token == expected[n] && Verifies(token, key);
        });
        Assert.All(ok, Assert.True);
    }

    [Fact]
    public void Hmac_secrets_are_compared_by_PublicKeyEquals()
    {
        Assert.True(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64).PublicKeyEquals(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64)));
        Assert.False(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64).PublicKeyEquals(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48)));
        Assert.False(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64).PublicKeyEquals(JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64)));
        Assert.False(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64).PublicKeyEquals(null));
    }

    [Fact]
    public void Hmac_ToPublicKey_returns_the_same_key()
    {
        JwtKey key = TestKeys.Hs256;
        Assert.Same(key, key.ToPublicKey());
    }

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

    // ---- Binding a key to one algorithm ----

    [Fact]
    public void Hs256_key_refuses_an_HS384_token()
    {
        string token = Jws.Sign(Payload, JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64));
        var options = new JwsValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.HS384);
        Assert.False(Jws.TryVerify(token, JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64), options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
    }

    [Fact]
    public void Rs256_key_refuses_a_PS256_token()
    {
        string token = Jws.Sign(Payload, JwtKey.FromRsa(JwtAlgorithm.PS256, TestKeys.Rsa));
        var options = new JwsValidationOptions(JwtAlgorithm.RS256, JwtAlgorithm.PS256);
        Assert.False(Jws.TryVerify(token, JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa), options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
    }

    [Fact]
    public void Rsa_public_key_never_verifies_an_HS256_token_MACed_with_its_PEM()
    {
        // The classic key confusion: the attacker uses the public PEM text as an HMAC secret.
        string pem = TestKeys.Rsa.ExportSubjectPublicKeyInfoPem();
        string input = Tokens.B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Tokens.B64("{\"sub\":\"admin\",\"exp\":9999999999}");
        string token = input + "." + JwtBase64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(pem), Encoding.ASCII.GetBytes(input)));
        JwtKey key = JwtKey.FromPem(JwtAlgorithm.RS256, pem);
        var options = new JwtValidationOptions(JwtAlgorithm.RS256, JwtAlgorithm.HS256);
        Assert.False(Jwt.TryDecode(token, key, options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
    }

    [Fact]
    public void Es256_key_refuses_an_ES384_token()
    {
        string token = Jws.Sign(Payload, TestKeys.For(JwtAlgorithm.ES384));
        var options = new JwsValidationOptions(JwtAlgorithm.ES256, JwtAlgorithm.ES384);
        Assert.False(Jws.TryVerify(token, TestKeys.For(JwtAlgorithm.ES256), options, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyAlgorithmMismatch, error.Code);
    }

    // ---- What keys show ----

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 32)]
    [InlineData(JwtAlgorithm.HS384, 48)]
    [InlineData(JwtAlgorithm.HS512, 64)]
    [InlineData(JwtAlgorithm.RS256, 256)]
    [InlineData(JwtAlgorithm.PS512, 256)]
    [InlineData(JwtAlgorithm.ES256, 64)]
    [InlineData(JwtAlgorithm.ES384, 96)]
    [InlineData(JwtAlgorithm.ES512, 132)]
    public void SignatureSize_is_exact_for_the_algorithm(JwtAlgorithm algorithm, int size)
    {
        JwtKey key = TestKeys.For(algorithm);
        Assert.Equal(size, key.SignatureSize);
        string token = Jws.Sign(Payload, key);
        Assert.Equal(size, JwtBase64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1)).Length);
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, (int)JwtAlgorithmFamily.Hmac)]
    [InlineData(JwtAlgorithm.RS384, (int)JwtAlgorithmFamily.Rsa)]
    [InlineData(JwtAlgorithm.PS512, (int)JwtAlgorithmFamily.RsaPss)]
    [InlineData(JwtAlgorithm.ES256, (int)JwtAlgorithmFamily.Ecdsa)]
    public void Family_follows_the_algorithm(JwtAlgorithm algorithm, int family)
    {
        Assert.Equal((JwtAlgorithmFamily)family, TestKeys.For(algorithm).Family);
    }

    [Fact]
    public void Hmac_ToString_describes_the_key_without_the_secret()
    {
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId: "k1");
        string text = key.ToString();
        Assert.Equal("HmacKey(HS256, 512 bits, private, kid=k1)", text);
        Assert.DoesNotContain("0123456789", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_ToString_describes_the_key_without_its_material()
    {
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa);
        Assert.Equal("RsaKey(RS256, 2048 bits, private)", key.ToString());
        Assert.Equal("RsaKey(RS256, 2048 bits, public)", key.ToPublicKey().ToString());
    }

    [Fact]
    public void Ec_ToString_describes_the_key_without_its_material()
    {
        Assert.Equal("EcKey(ES384, 384 bits, private, kid=e)", TestKeys.For(JwtAlgorithm.ES384, keyId: "e").ToString());
    }

    [Fact]
    public void Key_exceptions_never_show_the_secret()
    {
        const string Secret = "short-secret-XYZZY";
        var e = Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, Secret));
        Assert.DoesNotContain("XYZZY", e.ToString(), StringComparison.Ordinal);
    }
}
