using System;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

public sealed class AuthenticationBuilderExtensionsTests
{
    [Fact]
    public void DuplicateOrReservedName_Throws()
    {
        var services = new ServiceCollection();
        AuthenticationBuilder builder = services.AddAuthentication().AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        Assert.Throws<ArgumentException>(() => builder.AddMiniJwtBackend<User, Guid>("jwt", new CookieTransport()));
        Assert.Throws<ArgumentException>(() => builder.AddMiniJwtBackend<User, Guid>(AuthDefaults.AuthenticationScheme, new CookieTransport()));
        Assert.Throws<ArgumentNullException>(() => builder.AddMiniJwtBackend<User, Guid>("cookie", null!));
    }

    [Fact]
    public void TheCompositeScheme_BecomesTheDefault_UnlessOneIsSet()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthentication().AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            Assert.Equal(AuthDefaults.AuthenticationScheme, provider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
        }

        var other = new ServiceCollection();
        other.AddAuthentication("Other").AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        using ServiceProvider otherProvider = other.BuildServiceProvider();
        Assert.Equal("Other", otherProvider.GetRequiredService<IOptions<AuthenticationOptions>>().Value.DefaultScheme);
    }
}
