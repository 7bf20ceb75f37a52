using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniJwt.AspNetCore;
using MiniJwt.Strategy;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>
/// The sample with Auth:Revocation: a logout makes the same token answer 401 on /users/me (memory and Redis, Bearer and
/// cookie), the logout's status codes stay, a stopped Redis refuses tokens with a logged error, and a bad setting stops
/// the start. Without the setting, a logout leaves the token valid, as fastapi-users does.
/// </summary>
public sealed class ProgramRevocationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Memory_LogoutMakesTheSameToken401()
    {
        using var app = new SampleApp(("Auth:Revocation", "memory"));
        await AssertLogoutRevokesAsync(app);
        Assert.IsType<MemoryTokenRevocationStore>(app.Services.GetRequiredService<JwtStrategy<User, Guid>>().RevocationStore);
    }

    [Fact]
    public async Task Redis_LogoutMakesTheSameToken401()
    {
        using var app = new SampleApp(("Auth:Revocation", "redis"), ("ConnectionStrings:Redis", redis.Server.Configuration));
        await AssertLogoutRevokesAsync(app);
        Assert.IsType<DistributedCacheTokenRevocationStore>(app.Services.GetRequiredService<JwtStrategy<User, Guid>>().RevocationStore);
    }

    [Fact]
    public async Task Off_LogoutLeavesTheTokenValid_AsFastApiUsers()
    {
        using var app = new SampleApp();
        HttpClient client = app.NewClient();
        User user = await app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        using HttpResponseMessage logout = await PostAsync(client, "/auth/jwt/logout", "Bearer " + token);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Null(app.Services.GetRequiredService<JwtStrategy<User, Guid>>().RevocationStore);
    }

    [Fact]
    public async Task Memory_CookieLogoutRevokesTheCookiesToken()
    {
        using var app = new SampleApp(("Auth:Revocation", "memory"));
        HttpClient client = app.NewClient();
        User user = await app.RegisterAsync(client);
        using HttpResponseMessage login = await client.PostAsync("/auth/cookie/login", SampleApp.LoginForm(user.Email, SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        string cookie = SampleApp.SetCookies(login).Single().Split(';')[0];
        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, cookie: cookie))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/cookie/logout");
        logout.Headers.TryAddWithoutValidation("Cookie", cookie);
        using HttpResponseMessage loggedOut = await client.SendAsync(logout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        Assert.Contains("max-age=0", SampleApp.SetCookies(loggedOut).Single(), StringComparison.OrdinalIgnoreCase);

        // A client that kept the cookie anyway is refused.
        using HttpResponseMessage again = await SampleApp.GetMeAsync(client, cookie: cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task Redis_Stopped_401_WithALoggedError_ThenBackOnceItIsUp()
    {
        await using RedisServer server = await RedisServer.StartAsync();
        using var app = new SampleApp(("Auth:Revocation", "redis"), ("ConnectionStrings:Redis", server.Configuration));
        HttpClient client = app.NewClient();
        User user = await app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        server.Stop();

        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\", error_description=\"the revocation store could not be consulted\"", SampleApp.WwwAuthenticate(me));
        }

        (LogLevel level, string message, Exception? exception) = Assert.Single(app.LogEntries, e => e.Level == LogLevel.Error);
        Assert.Contains("Authentication backend jwt refused a token because the revocation store could not be consulted", message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<StackExchange.Redis.RedisException>(exception);
        Assert.Equal(LogLevel.Error, level);
        Assert.DoesNotContain(token.Split('.')[1], string.Join("\n", app.Logs), StringComparison.Ordinal);

        await server.RestartAsync();
        HttpStatusCode status = HttpStatusCode.Unauthorized;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (status != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
            status = me.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("Redis", null, "ConnectionStrings:Redis")]
    [InlineData("redis", null, "ConnectionStrings:Redis")]
    [InlineData("Yes", null, "Auth:Revocation is \"Yes\"")]
    public void ABadSetting_StopsTheStart_NamingIt(string revocation, string? connection, string expected)
    {
        using var app = new SampleApp(("Auth:Revocation", revocation), ("ConnectionStrings:Redis", connection));
        string messages = app.StartFailure();
        Assert.Contains(expected, messages, StringComparison.Ordinal);
        Assert.Contains("does not start", messages, StringComparison.Ordinal);
    }

    private static async Task AssertLogoutRevokesAsync(SampleApp app)
    {
        HttpClient client = app.NewClient();
        User user = await app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        string otherSession = await SampleApp.LoginAsync(client, user);
        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (HttpResponseMessage logout = await PostAsync(client, "/auth/jwt/logout", "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            Assert.Empty(await SampleApp.ReadAsync(logout));
        }

        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            Assert.Equal("{\"detail\":\"Unauthorized\"}", await SampleApp.ReadAsync(me));
            Assert.Equal("Bearer error=\"invalid_token\", error_description=\"the token has been revoked (claim jti)\"", SampleApp.WwwAuthenticate(me));
        }

        // A second logout with the revoked token: 401, as for any token that gives no user.
        using (HttpResponseMessage logout = await PostAsync(client, "/auth/jwt/logout", "Bearer " + token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, logout.StatusCode);
        }

        using (HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + otherSession))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
