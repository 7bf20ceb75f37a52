using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using MiniJwt.Strategy;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>Verification required (Auth:RequiresVerification): 403 for an unverified user on /users/me and logout.</summary>
public sealed class CurrentUserRequirementHandlerTests : IDisposable
{
    private readonly SampleApp _app = new(("Auth:RequiresVerification", "true"));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnverifiedUser_403_VerifiedUser_200()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        string token = await _app.Services.GetRequiredService<JwtStrategy<User, Guid>>().WriteTokenAsync(user);

        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.Forbidden, me.StatusCode);
        Assert.Equal("{\"detail\":\"Forbidden\"}", await SampleApp.ReadAsync(me));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/auth/jwt/logout");
        logout.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage loggedOut = await client.SendAsync(logout, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, loggedOut.StatusCode);

        _app.Store.Update(user with { IsVerified = true });
        using HttpResponseMessage verified = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Contains("\"is_verified\":true", await SampleApp.ReadAsync(verified), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InactiveAndUnverified_401()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        string token = await _app.Services.GetRequiredService<JwtStrategy<User, Guid>>().WriteTokenAsync(user);
        _app.Store.Update(user with { IsActive = false });
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task Login_Unverified_400_NotVerified_Verified_200()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        using HttpResponseMessage refused = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(user.Email, SampleApp.Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("{\"detail\":\"LOGIN_USER_NOT_VERIFIED\"}", await SampleApp.ReadAsync(refused));

        // A wrong password still reads as bad credentials, whatever the verification.
        using HttpResponseMessage wrong = await client.PostAsync("/auth/jwt/login", SampleApp.LoginForm(user.Email, "wrong"), TestContext.Current.CancellationToken);
        Assert.Equal("{\"detail\":\"LOGIN_BAD_CREDENTIALS\"}", await SampleApp.ReadAsync(wrong));

        _app.Store.Update(user with { IsVerified = true });
        string token = await SampleApp.LoginAsync(client, user);
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
