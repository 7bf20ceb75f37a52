using System;
using System.Net.Http;
using MiniJwt.Strategy;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>A misconfigured strategy stops the application when it starts, with the strategy's message.</summary>
public sealed class StrategyStartupCheckTests
{
    [Fact]
    public void ShortSecret_StopsStartUp_WithTheStrategysMessage()
    {
        string expected = Assert.Throws<ArgumentException>(() => new JwtStrategy<User, Guid>("too short", 3600)).Message;
        using var app = new SampleApp(("Auth:JwtSecret", "too short"));
        string messages = app.StartFailure();
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains("does not start", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("too short", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingSecret_StopsStartUp_NamingTheSetting()
    {
        using var app = new SampleApp(("Auth:JwtSecret", null));
        string messages = app.StartFailure();
        Assert.Contains("Auth:JwtSecret", messages, StringComparison.Ordinal);
        Assert.Contains("Auth__JwtSecret", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void GoodSecret_Starts()
    {
        using var app = new SampleApp();
        using HttpClient client = app.NewClient();
        Assert.NotNull(client);
    }
}
