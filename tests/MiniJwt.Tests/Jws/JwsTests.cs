using System;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwsLayer;

public class JwsTests
{
    private static readonly JwtKey Key = TestKeys.Hs256;

    [Fact]
    public void Finding03_UnpairedSurrogateInKeyId_Throws()
    {
        // The kid goes to every header the key signs: refused when the key is made, as a type is when it is given.
        // (Not an [InlineData]: attribute strings cannot carry a lone surrogate.)
        foreach (string keyId in new[] { "k\ud800", "k\udfff", "\udc00k" })
        {
            AssertRefused(keyId);
        }

        JwtKey paired = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, "k\ud83d\ude00");
        Assert.Equal("k\ud83d\ude00", MiniJwt.Jwt.Decode(MiniJwt.Jwt.Encode(new JwtClaims().Subject("1"), paired), paired, new JwtValidationOptions(JwtAlgorithm.HS256) { RequireExpiration = false }).Header.KeyId);
    }

    private static void AssertRefused(string keyId)
    {
        Assert.Equal("keyId", Assert.Throws<ArgumentException>(() => JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId)).ParamName);
        Assert.Equal("keyId", Assert.Throws<ArgumentException>(() => JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa, keyId)).ParamName);
    }

    [Fact]
    public void TrySign_ReturnsFalseOnAShortDestination_AndWritesNothing()
    {
        byte[] payload = Encoding.UTF8.GetBytes("opaque payload");
        int length = MiniJwt.Jws.GetEncodedLength(payload.Length, Key);
        byte[] destination = new byte[length - 1];
        Assert.False(MiniJwt.Jws.TrySign(payload, Key, destination, out int written));
        Assert.Equal(0, written);
        Assert.All(destination, b => Assert.Equal(0, b));

        destination = new byte[length + 3];
        Assert.True(MiniJwt.Jws.TrySign(payload, Key, destination, out written));
        Assert.Equal(length, written);
        Assert.Equal(MiniJwt.Jws.Sign(payload, Key), Encoding.ASCII.GetString(destination, 0, written));
    }

    [Fact]
    public void Sign_IntoAShortDestination_ThrowsArgumentException()
    {
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MiniJwt.Jws.Sign("x"u8, Key, new byte[8])).ParamName);
    }

    [Fact]
    public void TrySign_WithAPublicKey_Throws()
    {
        JwtKey publicKey = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa).ToPublicKey();
        Assert.Throws<InvalidOperationException>(() => MiniJwt.Jws.TrySign("x"u8, publicKey, new byte[1024], out _));
    }

    [Fact]
    public void Verify_NamesThePartAndParameterAtFault()
    {
        string token = MiniJwt.Jws.Sign("x"u8, Key, "JWT");
        var options = new JwsValidationOptions(JwtAlgorithm.HS384);
        Assert.False(MiniJwt.Jws.TryVerify(token, Key, options, out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.AlgorithmNotAllowed, "header", "alg"), error);
        Assert.Equal("AlgorithmNotAllowed: the algorithm is not allowed (header parameter alg)", error.ToString());

        Assert.False(MiniJwt.Jws.TryVerify(Tokens.TamperSignature(token), Key, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
        Assert.Equal("signature", error.Part);
        Assert.Null(error.Name);
    }
}
