using System;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

public class SecretTests
{
    [Fact]
    public void ToString_NeverShowsTheValue()
    {
        var secret = new Secret("correct horse battery staple");
        Assert.Equal("**********", secret.ToString());
        Assert.Equal("**********", $"{secret}");
        Assert.Equal("correct horse battery staple", secret.GetSecretValue());
        Assert.Equal(28, secret.Length);
        Assert.False(secret.IsEmpty);
    }

    [Fact]
    public void Empty_ShowsEmpty()
    {
        var secret = new Secret("");
        Assert.Equal("", secret.ToString());
        Assert.True(secret.IsEmpty);
    }

    [Fact]
    public void StringsConvert()
    {
        Secret? converted = "x";
        Assert.Equal("x", converted!.GetSecretValue());
        Secret? none = (string?)null;
        Assert.Null(none);
        Assert.Equal("y", Secret.FromString("y").GetSecretValue());
    }

    [Fact]
    public void StrategyAndKeys_DoNotShowTheSecret()
    {
        var strategy = new JwtStrategy<TestUser, Guid>(new Secret(StrategyTestKeys.HmacSecret), 3600);
        Assert.DoesNotContain("horse", strategy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("horse", strategy.EncodeKey.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Null_IsRefusedWithAMessageThatNamesTheSecret()
    {
        // It used to say only "Value cannot be null. (Parameter 'value')".
        ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => new Secret(null!));
        Assert.Contains("secret", e.Message, StringComparison.Ordinal);
        Assert.Contains("secret", Assert.Throws<ArgumentNullException>(() => Secret.FromString(null!)).Message, StringComparison.Ordinal);
    }
}
