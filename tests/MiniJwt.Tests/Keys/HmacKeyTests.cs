using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using System;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>HMAC keys: the pooled states never go back dirty (issue 10, smaller finding) and the refusal says what was seen.</summary>
public sealed partial class HmacKeyTests
{
    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS384)]
    [InlineData(JwtAlgorithm.HS512)]
    public void SmallerFinding_TryGetHashAndResetIsChecked_SignIntoAShortDestination_FailsAndLeavesNoDirtyStateInThePool(JwtAlgorithm algorithm)
    {
        byte[] secret = Encoding.ASCII.GetBytes(TestKeys.Secret64);
        JwtKey key = JwtKey.FromSecret(algorithm, secret);
        byte[] input = "header.payload"u8.ToArray();
        byte[] expected = algorithm switch
        {
            JwtAlgorithm.HS256 => HMACSHA256.HashData(secret, input),
            JwtAlgorithm.HS384 => HMACSHA384.HashData(secret, input),
            _ => HMACSHA512.HashData(secret, input),
        };

        byte[] shortDestination = new byte[key.SignatureSize - 1];
        Assert.Throws<ArgumentException>("destination", () => key.Sign("something else"u8, shortDestination));
        Assert.All(shortDestination, b => Assert.Equal(0, b));

        // The same thread rents the same pool slot first: a state still holding "something else" would give another MAC.
        for (int i = 0; i < 4; i++)
        {
            byte[] mac = new byte[key.SignatureSize];
            Assert.Equal(expected.Length, key.Sign(input, mac));
            Assert.Equal(expected, mac);
            Assert.True(key.Verify(input, expected));
        }
    }

    [Fact]
    public void Finding02_TheRefusalSaysWhatWasSeen()
    {
        string secret = Convert.ToBase64String(TestKeys.Rsa.ExportSubjectPublicKeyInfo());
        ArgumentException refused = Assert.Throws<ArgumentException>("secret", () => JwtKey.FromSecret(JwtAlgorithm.HS256, secret));
        Assert.Contains("it is Base64 of a DER public key (SubjectPublicKeyInfo)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("JwtKey.FromPem", refused.Message, StringComparison.Ordinal);
    }
}

public partial class HmacKeyTests
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
}
