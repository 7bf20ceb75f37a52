using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

public class RsaKeyTests
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
