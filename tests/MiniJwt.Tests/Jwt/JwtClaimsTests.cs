using System;
using System.Collections.Generic;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JwtClaimsTests
{
    [Fact]
    public void Finding03_UnpairedSurrogateInSubject_Throws()
    {
        // It used to become U+FFFD: "x\uD800" and "x\uDFFF" gave one and the same token.
        // (Not an [InlineData]: attribute strings cannot carry a lone surrogate.)
        foreach (string subject in new[] { "x\ud800", "x\udfff", "\udc00x", "\ud800\ud800" })
        {
            ArgumentException e = Assert.Throws<ArgumentException>(() => new JwtClaims().Subject(subject));
            Assert.Equal("value", e.ParamName);
        }
    }

    [Fact]
    public void Finding03_UnpairedSurrogateInAnyClaimNameOrString_Throws()
    {
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => new JwtClaims().Add("n\ud800", 1)).ParamName);
        Assert.Throws<ArgumentException>(() => new JwtClaims().Add("list", new[] { "ok", "x\udfff" }));
        Assert.Throws<ArgumentException>(() => new JwtClaims().Add("obj", new Dictionary<string, object?> { ["k\ud800"] = 1 }));
        Assert.Throws<ArgumentException>(() => new JwtClaims().Issuer("\ud800"));
        Assert.Throws<ArgumentException>(() => new JwtClaims().Audiences(["a", "\udfff"]));
    }

    [Fact]
    public void PairedSurrogatesAreWrittenAndReadBack()
    {
        JwtKey key = TestKeys.Hs256;
        string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("x\ud83d\ude00").ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(5)), key);
        JwtToken jwt = MiniJwt.Jwt.Decode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256));
        Assert.Equal("x\ud83d\ude00", jwt.Subject);
    }
}
