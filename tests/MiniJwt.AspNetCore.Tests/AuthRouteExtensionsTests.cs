using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>POST {prefix}/login and POST {prefix}/logout.</summary>
[Collection(OwnHostsCollection.Name)]
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
    public async Task Logout_CallsTheStrategysDestroy_StrategyResolvedPerRequest_OtherErrorsPropagate()
    {
        var destroyed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        int resolved = 0;
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton(new PasswordHasher(1000));
        builder.Services.AddScoped<IAuthUserManager<User, Guid>, UserManager>();
        builder.Services.AddJwtStrategy<User, Guid>(_ => new MiniJwt.Strategy.JwtStrategy<User, Guid>(SampleApp.Secret, 3600));
        builder.Services.AddAuthentication().AddMiniJwtBackend<User, Guid>("db", new BearerTransport("auth/db/login"), services =>
        {
            Interlocked.Increment(ref resolved);
            return new RecordingStrategy(services.GetRequiredService<MiniJwt.Strategy.JwtStrategy<User, Guid>>(), destroyed);
        });
        builder.Services.AddAuthorization();
        await using WebApplication app = builder.Build();
        app.MapAuthRoutes<User, Guid>("db", "/auth/db");
        app.MapGet("/me", (System.Security.Claims.ClaimsPrincipal p) => p.GetUser<User>().Email).RequireCurrentUser();
        await app.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, resolved); // built once at start

        var hasher = app.Services.GetRequiredService<PasswordHasher>();
        var store = app.Services.GetRequiredService<UserStore>();
        store.TryAdd(new User(Guid.NewGuid(), "galahad@camelot.bt", hasher.Hash(SampleApp.Password)));
        store.TryAdd(new User(Guid.NewGuid(), "broken@camelot.bt", hasher.Hash(SampleApp.Password)));
        HttpClient client = app.GetTestClient();

        using HttpResponseMessage login = await client.PostAsync("/auth/db/login", SampleApp.LoginForm("galahad@camelot.bt", SampleApp.Password), TestContext.Current.CancellationToken);
        string token = System.Text.Json.JsonDocument.Parse(await SampleApp.ReadAsync(login)).RootElement.GetProperty("access_token").GetString()!;
        int before = resolved;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/me", token));
        Assert.True(resolved > before);

        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(client, HttpMethod.Post, "/auth/db/logout", token));
        Assert.Equal(token, Assert.Single(destroyed));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Get, "/me", token));

        using HttpResponseMessage brokenLogin = await client.PostAsync("/auth/db/login", SampleApp.LoginForm("broken@camelot.bt", SampleApp.Password), TestContext.Current.CancellationToken);
        string brokenToken = System.Text.Json.JsonDocument.Parse(await SampleApp.ReadAsync(brokenLogin)).RootElement.GetProperty("access_token").GetString()!;
        // Any other failure propagates (a 500 in production; the test server hands the exception to the client).
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => SendAsync(client, HttpMethod.Post, "/auth/db/logout", brokenToken));
        Assert.Equal("the token store is down", e.Message);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Antiforgery_WhenRequiredOnTheRoutes_IsEnforced()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton(new PasswordHasher(1000));
        builder.Services.AddScoped<IAuthUserManager<User, Guid>, UserManager>();
        builder.Services.AddJwtStrategy<User, Guid>(_ => new MiniJwt.Strategy.JwtStrategy<User, Guid>(SampleApp.Secret, 3600));
        builder.Services.AddAuthentication().AddMiniJwtBackend<User, Guid>("cookie", new CookieTransport());
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        await using WebApplication app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapAuthRoutes<User, Guid>("cookie", "/auth/cookie").WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        app.MapGet("/antiforgery", (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var hasher = app.Services.GetRequiredService<PasswordHasher>();
        app.Services.GetRequiredService<UserStore>().TryAdd(new User(Guid.NewGuid(), "percival@camelot.bt", hasher.Hash(SampleApp.Password)));
        HttpClient client = app.GetTestClient();

        using HttpResponseMessage forged = await client.PostAsync("/auth/cookie/login", SampleApp.LoginForm("percival@camelot.bt", SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("{\"detail\":\"ANTIFORGERY_TOKEN_INVALID\"}", await SampleApp.ReadAsync(forged));
        Assert.Empty(SampleApp.SetCookies(forged));

        using HttpResponseMessage tokens = await client.GetAsync("/antiforgery", TestContext.Current.CancellationToken);
        string requestToken = await SampleApp.ReadAsync(tokens);
        string antiforgeryCookie = Assert.Single(SampleApp.SetCookies(tokens)).Split(';')[0];
        using var login = new HttpRequestMessage(HttpMethod.Post, "/auth/cookie/login")
        {
            Content = new FormUrlEncodedContent([new("username", "percival@camelot.bt"), new("password", SampleApp.Password), new("__RequestVerificationToken", requestToken)]),
        };
        login.Headers.TryAddWithoutValidation("Cookie", antiforgeryCookie);
        using HttpResponseMessage loggedIn = await client.SendAsync(login, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, loggedIn.StatusCode);
        Assert.StartsWith("fastapiusersauth=ey", Assert.Single(SampleApp.SetCookies(loggedIn)), StringComparison.Ordinal);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task TheDocumentedSetUp_Works()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:JwtSecret"] = SampleApp.Secret;
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton(new PasswordHasher(1000));

        // The README's "Use it in ASP.NET Core" set-up, line for line:
        builder.Services.AddScoped<IAuthUserManager<User, Guid>, UserManager>();
        builder.Services.AddJwtStrategy<User, Guid>(sp => new(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Auth:JwtSecret"]!, lifetimeSeconds: 3600));
        builder.Services.AddAuthentication().AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.MapAuthRoutes<User, Guid>("jwt", "/auth/jwt");
        app.MapGet("/users/me", (System.Security.Claims.ClaimsPrincipal p) => p.GetUser<User>()).RequireCurrentUser();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var hasher = app.Services.GetRequiredService<PasswordHasher>();
        app.Services.GetRequiredService<UserStore>().TryAdd(new User(Guid.NewGuid(), "bedivere@camelot.bt", hasher.Hash(SampleApp.Password)));
        HttpClient client = app.GetTestClient();
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Get, "/users/me", "a.b.c"));
        using HttpResponseMessage login = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm("bedivere@camelot.bt", SampleApp.Password), TestContext.Current.CancellationToken);
        string token = System.Text.Json.JsonDocument.Parse(await SampleApp.ReadAsync(login)).RootElement.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/users/me", token));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(client, HttpMethod.Post, "/auth/jwt/logout", token));
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void MapAuthRoutes_UnknownBackend_Throws()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication().AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"));
        using WebApplication app = builder.Build();
        var e = Assert.Throws<InvalidOperationException>(() => app.MapAuthRoutes<User, Guid>("jtw", "/auth/jwt"));
        Assert.Contains("\"jtw\"", e.Message, StringComparison.Ordinal);
    }
}
