using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Tasks;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

public class JwtKeyTests
{
    private static readonly byte[] Payload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static bool Verifies(string token, JwtKey key) =>
        Jws.TryVerify(token, key, new JwsValidationOptions(key.Algorithm), out _, out _);

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
