using System;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

public class StrategyKeysTests
{
    [Fact]
    public void Hmac_OneKeySignsAndVerifies()
    {
        (JwtKey encode, JwtKey decode) = StrategyKeys.Create(JwtAlgorithm.HS256, new Secret(new string('s', 32)), null, keyId: null, allowWeakKey: false);
        Assert.Same(encode, decode);
        Assert.Equal(JwtAlgorithm.HS256, encode.Algorithm);
    }

    [Fact]
    public void Hmac_APemSecret_GetsTheStrategysAdvice()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => StrategyKeys.Create(JwtAlgorithm.HS256, new Secret(StrategyTestKeys.Rsa.Public), null, keyId: null, allowWeakKey: true));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("set algorithm to its algorithm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hmac_AShortSecret_KeepsTheKeysExplanation_UnderTheStrategysName()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => StrategyKeys.Create(JwtAlgorithm.HS256, new Secret("short"), null, keyId: null, allowWeakKey: false));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("5 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pem_ErrorsNameTheStrategysArgument_AndKeepTheKeysError()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => StrategyKeys.Create(JwtAlgorithm.RS256, new Secret("not a pem"), null, keyId: null, allowWeakKey: false));
        Assert.Equal("secret", e.ParamName);
        Assert.StartsWith("The secret must be the private key of RS256 in PEM: ", e.Message, StringComparison.Ordinal);
        Assert.IsType<ArgumentException>(e.InnerException);
        e = Assert.Throws<ArgumentException>(() => StrategyKeys.Create(JwtAlgorithm.RS256, new Secret(StrategyTestKeys.Rsa.Private), new Secret("nope"), keyId: null, allowWeakKey: false));
        Assert.Equal("publicKey", e.ParamName);
    }

    [Fact]
    public void Pem_ThePublicKeyIsDerivedOrChecked()
    {
        (JwtKey encode, JwtKey decode) = StrategyKeys.Create(JwtAlgorithm.ES256, new Secret(StrategyTestKeys.Ec.Private), null, keyId: null, allowWeakKey: false);
        Assert.True(encode.CanSign);
        Assert.False(decode.CanSign);
        Assert.True(encode.PublicKeyEquals(decode));
        (_, JwtKey given) = StrategyKeys.Create(JwtAlgorithm.ES256, new Secret(StrategyTestKeys.Ec.Private), new Secret(StrategyTestKeys.Ec.Public), keyId: null, allowWeakKey: false);
        Assert.True(encode.PublicKeyEquals(given));
    }
}
