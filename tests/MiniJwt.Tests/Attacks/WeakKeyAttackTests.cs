using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Strategy;
using MiniJwt.Tests.Strategy;
using MiniJwt.Tests.Support;
using Xunit;
using TestKeys = MiniJwt.Tests.Strategy.StrategyTestKeys;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Weak keys, refused when the key is made rather than when a token arrives: empty and short HMAC secrets
/// (brute-forced offline from any one token) and RSA keys under 2048 bits (factorable), each with the explicit
/// opt-out that old deployments need.
/// </summary>
public sealed class WeakKeyAttackTests
{
    [Theory]
    [InlineData(JwtAlgorithm.HS256)]
    [InlineData(JwtAlgorithm.HS384)]
    [InlineData(JwtAlgorithm.HS512)]
    public void EmptyHmacSecret_IsRefusedEvenWhenWeakKeysAreAllowed(JwtAlgorithm algorithm)
    {
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, string.Empty));
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, string.Empty, allowWeakKey: true));
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, ReadOnlySpan<byte>.Empty, allowWeakKey: true));
        Assert.Throws<ArgumentNullException>(() => JwtKey.FromSecret(algorithm, (string)null!));
    }

    [Theory]
    [InlineData(JwtAlgorithm.HS256, 32)]
    [InlineData(JwtAlgorithm.HS384, 48)]
    [InlineData(JwtAlgorithm.HS512, 64)]
    public void ShortHmacSecret_IsRefusedUnlessWeakKeysAreAllowed(JwtAlgorithm algorithm, int minimum)
    {
        foreach (int length in new[] { 1, 6, minimum / 2, minimum - 1 })
        {
            byte[] secret = RandomNumberGenerator.GetBytes(length);
            ArgumentException refused = Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, secret));
            Assert.Contains("allowWeakKey", refused.Message, StringComparison.Ordinal);
            Assert.Equal(length * 8, JwtKey.FromSecret(algorithm, secret, allowWeakKey: true).KeySizeInBits);
        }

        // The length is counted in UTF-8 bytes, not characters: 16 two-byte characters make a 32-byte secret.
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(algorithm, new string('x', minimum - 1)));
        Assert.Equal(minimum * 8, JwtKey.FromSecret(algorithm, new string('é', minimum / 2)).KeySizeInBits);
        Assert.Equal(minimum * 8, JwtKey.FromSecret(algorithm, RandomNumberGenerator.GetBytes(minimum)).KeySizeInBits);
    }

    [Fact]
    public void ShortHmacSecret_TheStrategyRefusesItUnlessWeakKeysAreAllowed()
    {
        ArgumentException refused = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(secret: "SECRET", lifetimeSeconds: 3600));
        Assert.Contains("allowWeakKey", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(secret: string.Empty, lifetimeSeconds: 3600, allowWeakKey: true));
        _ = new JwtStrategy<TestUser, Guid>(secret: "SECRET", lifetimeSeconds: 3600, allowWeakKey: true);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1536)]
    [InlineData(2040)]
    public void RsaKeyUnder2048Bits_IsRefusedUnlessWeakKeysAreAllowed(int bits)
    {
        using RSA rsa = RSA.Create(bits);
        string privatePem = rsa.ExportRSAPrivateKeyPem();
        string publicPem = rsa.ExportSubjectPublicKeyInfoPem();
        foreach (JwtAlgorithm algorithm in (JwtAlgorithm[])[JwtAlgorithm.RS256, JwtAlgorithm.PS256])
        {
            ArgumentException refused = Assert.Throws<ArgumentException>(() => JwtKey.FromRsa(algorithm, rsa));
            Assert.Contains("2048", refused.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => JwtKey.FromPem(algorithm, privatePem));
            Assert.Throws<ArgumentException>(() => JwtKey.FromPem(algorithm, publicPem));

            Assert.Equal(bits, JwtKey.FromRsa(algorithm, rsa, allowWeakKey: true).KeySizeInBits);
            Assert.Equal(bits, JwtKey.FromPem(algorithm, publicPem, allowWeakKey: true).KeySizeInBits);
        }

        Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(secret: privatePem, lifetimeSeconds: 3600, algorithm: "RS256"));
        _ = new JwtStrategy<TestUser, Guid>(secret: privatePem, lifetimeSeconds: 3600, algorithm: "RS256", allowWeakKey: true);
    }

    [Fact]
    public void RsaKeyWithAnEvenOrTinyExponent_IsRefused()
    {
        // e = 1 makes every signature the message itself; an even e is not an RSA key.
        byte[] modulus = AttackKit.Rsa.ExportParameters(false).Modulus!;
        foreach (byte[] exponent in new[] { new byte[] { 1 }, [2], [0x01, 0x00, 0x00] })
        {
            using RSA rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = exponent });
            }
            catch (CryptographicException)
            {
                continue; // the platform refuses it already
            }

            Assert.Throws<ArgumentException>(() => JwtKey.FromRsa(JwtAlgorithm.RS256, rsa));
        }
    }

    [Fact]
    public void WeakKeyOptOut_DoesNotWeakenTheOtherDefences()
    {
        // A short secret allowed on purpose still never verifies another algorithm, and a PEM is still no secret.
        JwtKey weak = JwtKey.FromSecret(JwtAlgorithm.HS256, "SECRET", allowWeakKey: true);
        string hs512 = Jwt.Encode(Encoding.UTF8.GetBytes(AttackKit.ValidPayload), JwtKey.FromSecret(JwtAlgorithm.HS512, "SECRET", allowWeakKey: true));
        AttackKit.AssertRefused(hs512, weak, AttackKit.Options(JwtAlgorithm.HS256, JwtAlgorithm.HS512), JwtErrorCode.KeyAlgorithmMismatch);
        Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Rsa.Public, allowWeakKey: true));
    }
}
