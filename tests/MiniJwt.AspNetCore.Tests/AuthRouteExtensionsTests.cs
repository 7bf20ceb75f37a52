using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>POST {prefix}/login and POST {prefix}/logout.</summary>
public sealed class AuthRouteExtensionsTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Login_BadCredentials_400()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        foreach ((string username, string password) in new[] { (user.Email, "wrong"), ("nobody@camelot.bt", SampleApp.Password) })
        {
            using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(username, password), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("{\"detail\":\"LOGIN_BAD_CREDENTIALS\"}", await SampleApp.ReadAsync(response));
        }
    }

    [Fact]
    public async Task Login_EmailIgnoresCase()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(user.Email.ToUpperInvariant(), SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_MissingOrEmptyFields_422()
    {
        HttpClient client = _app.NewClient();
        var forms = new List<HttpContent>
        {
            new FormUrlEncodedContent([new("username", "a@b.c")]),
            new FormUrlEncodedContent([new("username", ""), new("password", "x")]),
            new FormUrlEncodedContent([new("username", "a@b.c"), new("password", "x"), new("grant_type", "client_credentials")]),
            new StringContent("{\"username\":\"a@b.c\",\"password\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (HttpContent form in forms)
        {
            using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", form, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.StartsWith("{\"detail\":[{\"type\":", await SampleApp.ReadAsync(response), StringComparison.Ordinal);
            form.Dispose();
        }
    }

    [Fact]
    public async Task Login_GrantTypePassword_Multipart_200()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(user.Email), "username" },
            { new StringContent(SampleApp.Password), "password" },
            { new StringContent("password"), "grant_type" },
        };
        using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutToken_401_WithBadToken_401()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage none = await client.PostAsync("/auth/jwt/logout", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("{\"detail\":\"Unauthorized\"}", await SampleApp.ReadAsync(none));

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/auth/jwt/logout");
        bad.Headers.TryAddWithoutValidation("Authorization", "Bearer a.b.c");
        using HttpResponseMessage refused = await client.SendAsync(bad, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task CookieLogout_AuthenticatedByBearer_ClearsTheCookie()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/cookie/logout");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.StartsWith("fastapiusersauth=; max-age=0", Assert.Single(SampleApp.SetCookies(response)), StringComparison.Ordinal);
    }

    [Fact]
    public void MapAuthRoutes_UnknownBackend_Throws()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Services.AddAuthentication().AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        using WebApplication app = builder.Build();
        var e = Assert.Throws<InvalidOperationException>(() => app.MapAuthRoutes<User, Guid>("jtw", "/auth/jwt"));
        Assert.Contains("\"jtw\"", e.Message, StringComparison.Ordinal);
    }
}
