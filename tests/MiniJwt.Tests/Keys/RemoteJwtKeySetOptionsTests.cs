using System;
using MiniJwt.Remote;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>The documented defaults of <see cref="RemoteJwtKeySetOptions"/>, and the limits a remote set refuses.</summary>
public class RemoteJwtKeySetOptionsTests
{
    private static readonly Uri Address = new("https://idp.example.com/jwks");

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new RemoteJwtKeySetOptions();
        Assert.Null(options.HttpClient);
        Assert.Null(options.TimeProvider);
        Assert.Equal(TimeSpan.FromMinutes(10), options.DefaultTimeToLive);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MinimumTimeToLive);
        Assert.Equal(TimeSpan.FromHours(24), options.MaximumTimeToLive);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshCooldown);
        Assert.Equal(TimeSpan.FromHours(1), options.GracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(1024 * 1024, options.MaxResponseBytes);
        Assert.False(options.AllowRedirects);
        Assert.False(options.AllowInsecureHttp);
        Assert.False(options.AllowWeakKeys);
        Assert.Empty(options.Algorithms);
        Assert.Null(options.RefreshFailed);
    }

    [Fact]
    public void Algorithms_are_copied()
    {
        JwtAlgorithm[] algorithms = [JwtAlgorithm.RS256];
        var options = new RemoteJwtKeySetOptions { Algorithms = algorithms };
        algorithms[0] = JwtAlgorithm.HS256;
        Assert.Equal([JwtAlgorithm.RS256], options.Algorithms);
        Assert.Throws<ArgumentNullException>(() => new RemoteJwtKeySetOptions { Algorithms = null! });
    }

    private static readonly (string Name, RemoteJwtKeySetOptions Options)[] OutOfRange =
    [
        ("MinimumTimeToLive", new RemoteJwtKeySetOptions { MinimumTimeToLive = TimeSpan.FromSeconds(-1) }),
        ("MaximumTimeToLive", new RemoteJwtKeySetOptions { MinimumTimeToLive = TimeSpan.FromHours(2), MaximumTimeToLive = TimeSpan.FromHours(1), DefaultTimeToLive = TimeSpan.FromHours(1) }),
        ("MaximumTimeToLive", new RemoteJwtKeySetOptions { MaximumTimeToLive = TimeSpan.FromDays(366) }),
        ("DefaultTimeToLive", new RemoteJwtKeySetOptions { DefaultTimeToLive = TimeSpan.FromSeconds(1) }),
        ("DefaultTimeToLive", new RemoteJwtKeySetOptions { DefaultTimeToLive = TimeSpan.FromDays(2) }),
        ("RefreshCooldown", new RemoteJwtKeySetOptions { RefreshCooldown = TimeSpan.FromSeconds(-1) }),
        ("GracePeriod", new RemoteJwtKeySetOptions { GracePeriod = TimeSpan.MinValue }),
        ("RequestTimeout", new RemoteJwtKeySetOptions { RequestTimeout = TimeSpan.Zero }),
        ("RequestTimeout", new RemoteJwtKeySetOptions { RequestTimeout = TimeSpan.FromHours(1) }),
        ("MaxResponseBytes", new RemoteJwtKeySetOptions { MaxResponseBytes = 0 }),
        ("MaxResponseBytes", new RemoteJwtKeySetOptions { MaxResponseBytes = 65 * 1024 * 1024 }),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void A_limit_out_of_range_is_refused_when_the_set_is_made(int index)
    {
        (string name, RemoteJwtKeySetOptions options) = OutOfRange[index];
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => RemoteJwtKeySet.FromJwksUri(Address, options));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RemoteJwtKeySet.FromIssuer("https://idp.example.com", options));
    }

    [Fact]
    public void Limits_at_their_bounds_are_accepted()
    {
        var options = new RemoteJwtKeySetOptions
        {
            MinimumTimeToLive = TimeSpan.Zero,
            DefaultTimeToLive = TimeSpan.Zero,
            MaximumTimeToLive = TimeSpan.FromDays(365),
            RefreshCooldown = TimeSpan.Zero,
            GracePeriod = TimeSpan.Zero,
            RequestTimeout = TimeSpan.FromMinutes(10),
            MaxResponseBytes = 1,
        };
        RemoteJwtKeySet.FromJwksUri(Address, options).Dispose();
    }
}
