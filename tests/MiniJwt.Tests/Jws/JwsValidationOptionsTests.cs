using System;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwsLayer;

public class JwsValidationOptionsTests
{
    [Fact]
    public void Finding09_JwtOptionsAreNotJwsOptions()
    {
        // Jws.TryVerify used to take JwtValidationOptions (a subclass) and silently ignore its claim rules.
        Assert.False(typeof(JwsValidationOptions).IsAssignableFrom(typeof(JwtValidationOptions)));
        Assert.True(typeof(JwsValidationOptions).IsSealed);
        Assert.True(typeof(JwtValidationOptions).IsSealed);
        Assert.Equal(typeof(object), typeof(JwtValidationOptions).BaseType);
    }

    [Fact]
    public void Finding09_JwtOptionsCarryTheirJwsRules_WhichHoldNoClaimRule()
    {
        var jwt = new JwtValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.HS256) { MaxTokenLength = 1000, MaxJsonDepth = 3, Audiences = ["api"] };
        Assert.Equal([JwtAlgorithm.HS256], jwt.Jws.Algorithms);
        Assert.Equal(1000, jwt.Jws.MaxTokenLength);
        Assert.Equal(3, jwt.Jws.MaxJsonDepth);
        Assert.Same(jwt.Jws, jwt.Jws);

        // The JWS level verifies the signature only: an expired token for another audience passes there, not at the JWT level.
        string token = Tokens.Craft(TestKeys.Hs256, Tokens.Hs256Header, "{\"exp\":1,\"aud\":\"other\"}");
        Assert.True(MiniJwt.Jws.TryVerify(token, TestKeys.Hs256, jwt.Jws, out _, out _));
        Assert.False(MiniJwt.Jwt.TryDecode(token, TestKeys.Hs256, jwt, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.Expired, error.Code);
    }
}
