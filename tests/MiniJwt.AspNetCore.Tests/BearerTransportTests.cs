using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>The Bearer transport: how the header is read, and the login and logout responses over HTTP.</summary>
public sealed class BearerTransportTests : System.IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer abc", "abc")]
    [InlineData("BEARER abc", "abc")]
    [InlineData("Bearer  abc ", "abc")]
    [InlineData("Bearer", "")]
    [InlineData("Bearer ", "")]
    [InlineData("Basic YWxhZGRpbjpvcGVuc2VzYW1l", null)]
    [InlineData("Bearer\tabc", null)]
    [InlineData("Bearerabc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ReadToken_FollowsFastApisOAuth2PasswordBearer(string? header, string? expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        Assert.Equal(expected, new BearerTransport("auth/jwt/login").ReadToken(context.Request));
    }

    [Fact]
    public void ReadToken_FirstHeaderWins()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = new Microsoft.Extensions.Primitives.StringValues(["Basic x", "Bearer y"]);
        Assert.Null(new BearerTransport("auth/jwt/login").ReadToken(context.Request));
    }

    [Fact]
    public async Task Login_200_ExactBody_ThenTheTokenReadsTheUser()
    {
        HttpClient client = _app.NewClient();
        var user = await _app.RegisterAsync(client);
        using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(user.Email, SampleApp.Password), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), System.StringComparison.Ordinal);
        string body = await SampleApp.ReadAsync(response);
        Assert.Matches("^\\{\"access_token\":\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\",\"token_type\":\"bearer\"\\}$", body);

        string token = body.Split('"')[3];
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(
            "{\"id\":\"" + user.Id.ToString("D") + "\",\"email\":\"" + user.Email + "\",\"is_active\":true,\"is_superuser\":false,\"is_verified\":false}",
            await SampleApp.ReadAsync(me));
    }

    [Fact]
    public async Task LowerCaseBearer_200()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "bearer " + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task MissingOrBasic_401_WithBearerChallenge()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        foreach (string? header in new[] { null, "Basic " + token, "Token " + token })
        {
            using HttpResponseMessage me = await SampleApp.GetMeAsync(client, header);
            Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
            Assert.Equal("Bearer", SampleApp.WwwAuthenticate(me));
            Assert.Equal("{\"detail\":\"Unauthorized\"}", await SampleApp.ReadAsync(me));
        }
    }

    [Fact]
    public async Task BareBearer_401_EmptyToken()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.StartsWith("Bearer error=\"invalid_token\"", SampleApp.WwwAuthenticate(me), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_204_EmptyBody_TokenStillValid()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/jwt/logout");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(string.Empty, await SampleApp.ReadAsync(response));
        Assert.Empty(SampleApp.SetCookies(response));

        // A JWT cannot be revoked: as in fastapi-users, it stays valid until it expires.
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public void LoginResponse_NullToken_Throws() =>
        Assert.Throws<System.ArgumentNullException>(() => new BearerTransport("auth/jwt/login").GetLoginResponse(null!));
}
