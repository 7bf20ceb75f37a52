using System;
using System.Security.Cryptography;
using Xunit;

namespace MiniJwt.Tests;

public class Smoke
{
    [Fact]
    public void Hs256RoundTrip()
    {
        var key = JwtKey.Hmac(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string token = Jwt.Encode(new JwtClaims().Subject("42").Audiences(["fastapi-users:auth"]).ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)), key);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["fastapi-users:auth"] };
        Assert.True(Jwt.TryDecode(token, key, options, out JwtToken t, out JwtError e), e.ToString());
        Assert.Equal("42", t.Subject);
        Assert.Equal(["fastapi-users:auth"], t.Audiences);
        Assert.Equal("JWT", t.Header.Type);
    }

    [Fact]
    public void FastapiVector()
    {
        var key = JwtKey.Hmac(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMTIzLTQ1NjctODkwYS1iY2RlZjEyMzQ1OTEiLCJhdWQiOlsiZmFzdGFwaS11c2VyczphdXRoIl0sImV4cCI6MTc2NDAwMzYwMH0.RS0TEQvaDMZWh4vqmCF23mGH0vOXHoArFKndb56_LX0";
        string token = Jwt.Encode(new JwtClaims().Subject("00000000-0123-4567-890a-bcdef1234591").Audiences(["fastapi-users:auth"]).Add("exp", 1764003600L), key);
        Assert.Equal(expected, token);
    }

    [Theory]
    [InlineData(JwtAlgorithm.RS256)]
    [InlineData(JwtAlgorithm.PS384)]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES512)]
    public void AsymmetricRoundTrip(JwtAlgorithm alg)
    {
        JwtKey key = alg switch
        {
            JwtAlgorithm.ES256 => JwtKey.FromECDsa(alg, ECDsa.Create(ECCurve.NamedCurves.nistP256)),
            JwtAlgorithm.ES512 => JwtKey.FromECDsa(alg, ECDsa.Create(ECCurve.NamedCurves.nistP521)),
            _ => JwtKey.FromRsa(alg, RSA.Create(2048)),
        };
        string token = Jwt.Encode("{\"sub\":\"x\",\"exp\":99999999999}"u8, key);
        var options = new JwtValidationOptions(alg);
        Assert.True(Jwt.TryDecode(token, key.ToPublicKey(), options, out JwtToken t, out JwtError e), e.ToString());
        Assert.Equal("x", t.Subject);
        string tampered = token.Substring(0, token.Length - 2) + (token[^2] == 'A' ? "B" : "A") + token[^1];
        Assert.False(Jwt.TryDecode(tampered, key, options, out _, out e));
    }
}

public class SmokeSurrogate
{
    [Theory]
    [InlineData("{\"sub\":\"\\ud800\",\"exp\":99999999999}")]
    [InlineData("{\"x\":[\"\\udc00x\"],\"exp\":99999999999}")]
    [InlineData("{\"\\ud800\":1,\"exp\":99999999999}")]
    public void LoneSurrogateEscapesAreInvalidJson(string json)
    {
        var key = JwtKey.Hmac(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string token = Jws.Sign(System.Text.Encoding.UTF8.GetBytes(json), key, "JWT");
        Assert.False(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError e));
        Assert.Equal(JwtErrorCode.InvalidJson, e.Code);
    }
}
