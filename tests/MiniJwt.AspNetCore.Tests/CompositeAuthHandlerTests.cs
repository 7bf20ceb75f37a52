using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>Several backends, tried in the order they were added ("jwt", then "cookie"); the first user found wins.</summary>
public sealed class CompositeAuthHandlerTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task BadBearer_GoodCookie_200()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer garbage", "fastapiusersauth=" + token);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task GoodBearer_BadCookie_200()
    {
        HttpClient client = _app.NewClient();
        string token = await SampleApp.LoginAsync(client, await _app.RegisterAsync(client));
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token, "fastapiusersauth=garbage");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task FirstBackendsUser_Wins_NoFallThroughOnFlags()
    {
        HttpClient client = _app.NewClient();
        User inactive = await _app.RegisterAsync(client);
        User active = await _app.RegisterAsync(client);
        string inactiveToken = await SampleApp.LoginAsync(client, inactive);
        string activeToken = await SampleApp.LoginAsync(client, active);
        _app.Store.Update(inactive with { IsActive = false });

        // The Bearer backend comes first and finds the inactive user: the cookie's active user is not consulted.
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + inactiveToken, "fastapiusersauth=" + activeToken);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);

        using HttpResponseMessage swapped = await SampleApp.GetMeAsync(client, "Bearer " + activeToken, "fastapiusersauth=" + inactiveToken);
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        Assert.Contains(active.Email, await SampleApp.ReadAsync(swapped), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothBad_401_FirstRefusalDescribed()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer garbage", "fastapiusersauth=a.b.c");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(
            "Bearer error=\"invalid_token\", error_description=\"the token is not three dot-separated Base64Url segments\"",
            SampleApp.WwwAuthenticate(me));
    }
}
