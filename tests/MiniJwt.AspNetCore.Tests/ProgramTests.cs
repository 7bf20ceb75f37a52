using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading.Tasks;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>The sample's own routes: register (201, duplicate 400, bad e-mail 422) and the authenticated route.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly SampleApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Register_201_UserRead_ThenDuplicate_400()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage created = await client.PostAsJsonAsync("/auth/register", new { email = "king.arthur@camelot.bt", password = "guinevere" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = _app.Store.FindByEmail("king.arthur@camelot.bt")!;
        Assert.Equal(
            "{\"id\":\"" + user.Id.ToString("D") + "\",\"email\":\"king.arthur@camelot.bt\",\"is_active\":true,\"is_superuser\":false,\"is_verified\":false}",
            await SampleApp.ReadAsync(created));
        Assert.StartsWith("pbkdf2-sha256$1000$", user.HashedPassword, StringComparison.Ordinal);

        using HttpResponseMessage duplicate = await client.PostAsJsonAsync("/auth/register", new { email = "KING.ARTHUR@camelot.bt", password = "x" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("{\"detail\":\"REGISTER_USER_ALREADY_EXISTS\"}", await SampleApp.ReadAsync(duplicate));
    }

    [Fact]
    public async Task Register_BadEmail_422()
    {
        HttpClient client = _app.NewClient();
        using HttpResponseMessage response = await client.PostAsJsonAsync("/auth/register", new { email = "not an email", password = "x" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task AuthenticatedRoute_GreetsTheUser()
    {
        HttpClient client = _app.NewClient();
        var user = await _app.RegisterAsync(client);
        string token = await SampleApp.LoginAsync(client, user);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/authenticated-route");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using HttpResponseMessage response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("{\"message\":\"Hello " + user.Email + "!\"}", await SampleApp.ReadAsync(response));
    }
}
