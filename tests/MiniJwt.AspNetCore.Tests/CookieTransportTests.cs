using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>The Cookie transport: fastapi-users' defaults, the cookie set on login and cleared on logout.</summary>
public sealed class CookieTransportTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Defaults_AreFastApiUsers()
    {
        var transport = new CookieTransport();
        Assert.Equal("fastapiusersauth", transport.CookieName);
        Assert.Null(transport.CookieMaxAge);
        Assert.Equal("/", transport.CookiePath);
        Assert.Null(transport.CookieDomain);
        Assert.True(transport.CookieSecure);
        Assert.True(transport.CookieHttpOnly);
        Assert.Equal(SameSiteMode.Lax, transport.CookieSameSite);
    }

    [Fact]
    public async Task DefaultLoginCookie_IsASessionCookie()
    {
        var context = new DefaultHttpContext();
        await new CookieTransport().GetLoginResponse("a.b.c").ExecuteAsync(context);
        Assert.Equal(StatusCodes.Status204NoContent, context.Response.StatusCode);
        Assert.Equal("fastapiusersauth=a.b.c; path=/; secure; samesite=lax; httponly", context.Response.Headers.SetCookie.ToString());
    }

    [Fact]
    public async Task OtherParameters_AreWritten()
    {
        var context = new DefaultHttpContext();
        var transport = new CookieTransport
        {
            CookieName = "auth",
            CookieMaxAge = TimeSpan.FromSeconds(60),
            CookiePath = "/api",
            CookieDomain = "example.com",
            CookieSecure = false,
            CookieHttpOnly = false,
            CookieSameSite = SameSiteMode.Strict,
        };
        await transport.GetLoginResponse("a.b.c").ExecuteAsync(context);
        Assert.Equal("auth=a.b.c; max-age=60; domain=example.com; path=/api; samesite=strict", context.Response.Headers.SetCookie.ToString());
    }

    [Theory]
    [InlineData("fastapiusersauth=a.b.c", "a.b.c")]
    [InlineData("other=x; fastapiusersauth=a.b.c", "a.b.c")]
    [InlineData("fastapiusersauth=", null)]
    [InlineData("other=a.b.c", null)]
    public void ReadToken_TheNamedCookie_EmptyIsNone(string cookieHeader, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = cookieHeader;
        Assert.Equal(expected, new CookieTransport().ReadToken(context.Request));
    }

    [Fact]
    public async Task CookieLogin_MeWithTheCookie_Logout_ClearsIt()
    {
        HttpClient client = _app.NewClient();
        var user = await _app.RegisterAsync(client);

        using HttpResponseMessage login = await client.PostAsync("/auth/cookie/login", SampleApp.LoginForm(user.Email, SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        Assert.Equal(string.Empty, await SampleApp.ReadAsync(login));
        string setCookie = Assert.Single(SampleApp.SetCookies(login));
        Assert.Matches("^fastapiusersauth=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+; max-age=3600; path=/; secure; samesite=lax; httponly$", setCookie);
        string cookie = setCookie.Split(';')[0];

        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, cookie: cookie);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"email\":\"" + user.Email + "\"", await SampleApp.ReadAsync(me), StringComparison.Ordinal);

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/cookie/logout");
        logout.Headers.TryAddWithoutValidation("Cookie", cookie);
        using HttpResponseMessage loggedOut = await client.SendAsync(logout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);
        Assert.Equal("fastapiusersauth=; max-age=0; path=/; secure; samesite=lax; httponly", Assert.Single(SampleApp.SetCookies(loggedOut)));
    }

    [Fact]
    public async Task CookieLogout_WithoutCookie_401_NoCookieCleared()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage response = await client.PostAsync("/auth/cookie/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(SampleApp.SetCookies(response));
    }
}
