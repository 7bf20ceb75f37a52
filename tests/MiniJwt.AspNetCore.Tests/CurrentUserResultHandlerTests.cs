using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>fastapi-users' status codes: 401 for an inactive user (ASP.NET Core would forbid), 403 for the other flags.</summary>
public sealed class CurrentUserResultHandlerTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task InactiveUser_401_OnMe_Login_Logout()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        _app.Store.Update(user with { IsActive = false });

        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("{\"detail\":\"Unauthorized\"}", await SampleApp.ReadAsync(me));
        Assert.Equal("Bearer", SampleApp.WwwAuthenticate(me));

        using HttpResponseMessage login = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(user.Email, SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, login.StatusCode);
        Assert.Equal("{\"detail\":\"LOGIN_BAD_CREDENTIALS\"}", await SampleApp.ReadAsync(login));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/jwt/logout");
        logout.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage loggedOut = await client.SendAsync(logout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, loggedOut.StatusCode);
    }

    [Fact]
    public async Task SuperuserRoute_401_403_200_404()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        User admin = await _app.RegisterAsync(client);
        _app.Store.Update(admin with { IsSuperuser = true });
        string userToken = await SampleApp.LoginAsync(client, user);
        string adminToken = await SampleApp.LoginAsync(client, admin);

        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "/users/" + user.Id, null));
        Assert.Equal(HttpStatusCode.Forbidden, await GetStatusAsync(client, "/users/" + user.Id, userToken));
        Assert.Equal(HttpStatusCode.OK, await GetStatusAsync(client, "/users/" + user.Id, adminToken));
        Assert.Equal(HttpStatusCode.NotFound, await GetStatusAsync(client, "/users/" + Guid.NewGuid(), adminToken));

        // Inactive beats "not a superuser": 401, not 403.
        _app.Store.Update(user with { IsActive = false });
        Assert.Equal(HttpStatusCode.Unauthorized, await GetStatusAsync(client, "/users/" + user.Id, userToken));
    }

    [Fact]
    public async Task Forbidden_Body()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/" + Guid.NewGuid());
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("{\"detail\":\"Forbidden\"}", await SampleApp.ReadAsync(response));
    }

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
