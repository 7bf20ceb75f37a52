using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using MiniJwt.Strategy;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>One backend's scheme: refused tokens answer 401 with the reason in WWW-Authenticate, and are logged.</summary>
public sealed class AuthBackendHandlerTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<(HttpClient Client, User User, string Token)> LoggedInAsync()
    {
        HttpClient client = _app.NewClient();
        User user = await _app.RegisterAsync(client);
        return (client, user, await SampleApp.LoginAsync(client, user));
    }

    private static async Task AssertRefusedAsync(HttpClient client, string token, string description)
    {
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + token);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("{\"detail\":\"Unauthorized\"}", await SampleApp.ReadAsync(me));
        string challenge = SampleApp.WwwAuthenticate(me)!;
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"" + description + "\"", challenge);
        foreach (string part in token.Split('.').Where(p => p.Length > 8))
        {
            Assert.DoesNotContain(part, challenge, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TamperedSignature_401()
    {
        (HttpClient client, _, string token) = await LoggedInAsync();
        int signature = token.LastIndexOf('.') + 1;
        char first = token[signature] == 'A' ? 'B' : 'A'; // the first character carries six whole bits: still canonical Base64Url
        await AssertRefusedAsync(client, token[..signature] + first + token[(signature + 1)..], "the signature is invalid (signature)");
    }

    [Fact]
    public async Task TamperedPayload_401()
    {
        (HttpClient client, User user, string token) = await LoggedInAsync();
        string[] parts = token.Split('.');
        string payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(SampleApp.Payload(Guid.NewGuid(), SampleApp.Now + 3600)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await AssertRefusedAsync(client, parts[0] + "." + payload + "." + parts[2], "the signature is invalid (signature)");
        Assert.NotEqual(Guid.Empty, user.Id);
    }

    [Fact]
    public async Task Expired_401()
    {
        (HttpClient client, User user, _) = await LoggedInAsync();
        await AssertRefusedAsync(client, SampleApp.MintHs256(SampleApp.Payload(user.Id, SampleApp.Now - 10)), "the token has expired (claim exp)");
    }

    [Fact]
    public async Task OtherAudience_401()
    {
        (HttpClient client, User user, _) = await LoggedInAsync();
        await AssertRefusedAsync(client, SampleApp.MintHs256(SampleApp.Payload(user.Id, SampleApp.Now + 3600, "fastapi-users:verify")), "the audience is not accepted (claim aud)");
    }

    [Fact]
    public async Task OtherSecret_401()
    {
        (HttpClient client, User user, _) = await LoggedInAsync();
        await AssertRefusedAsync(client, SampleApp.MintHs256(SampleApp.Payload(user.Id, SampleApp.Now + 3600), SampleApp.Secret + "!"), "the signature is invalid (signature)");
    }

    [Fact]
    public async Task UnknownUser_401()
    {
        (HttpClient client, _, _) = await LoggedInAsync();
        await AssertRefusedAsync(client, SampleApp.MintHs256(SampleApp.Payload(Guid.NewGuid(), SampleApp.Now + 3600)), "the token's subject is not a known user");
    }

    [Fact]
    public async Task Garbage_401_Malformed()
    {
        (HttpClient client, _, _) = await LoggedInAsync();
        await AssertRefusedAsync(client, "not-a-token", "the token is not three dot-separated Base64Url segments");
    }

    [Fact]
    public async Task Refusal_IsLogged_WithoutTheToken()
    {
        (HttpClient client, User user, _) = await LoggedInAsync();
        string expired = SampleApp.MintHs256(SampleApp.Payload(user.Id, SampleApp.Now - 10));
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + expired);
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        string log = Assert.Single(_app.Logs, l => l.Contains("refused a token", StringComparison.Ordinal));
        Assert.Contains("Authentication backend jwt refused a token: the token has expired (claim exp)", log, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.Split('.')[1], log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PyJwtShapedToken_SameBytesAsTheStrategy_Accepted()
    {
        (HttpClient client, User user, _) = await LoggedInAsync();
        string written = await _app.Services.GetRequiredService<JwtStrategy<User, Guid>>().WriteTokenAsync(user);
        using JsonDocument claims = JsonDocument.Parse(Convert.FromBase64String(Pad(written.Split('.')[1])));
        long exp = claims.RootElement.GetProperty("exp").GetInt64();

        string minted = SampleApp.MintHs256(SampleApp.Payload(user.Id, exp));
        Assert.Equal(written, minted);
        using HttpResponseMessage me = await SampleApp.GetMeAsync(client, "Bearer " + minted);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"id\":\"" + user.Id.ToString("D") + "\"", await SampleApp.ReadAsync(me), StringComparison.Ordinal);
    }

    private static string Pad(string b64url)
    {
        string s = b64url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
