using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniJwt.WebApi;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>The sample web API in the in-process test server, with a known secret and cheap password hashing.</summary>
public sealed class SampleApp : WebApplicationFactory<Program>
{
    public const string Secret = "a test secret that is long enough for HS256, 32+ bytes";
    public const string Password = "guinevere-and-lancelot";

    private readonly Dictionary<string, string?> _settings;

    public SampleApp(params (string Key, string? Value)[] settings)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Auth:JwtSecret"] = Secret,
            ["Auth:PasswordIterations"] = "1000",
        };
        foreach ((string key, string? value) in settings)
        {
            _settings[key] = value;
        }
    }

    public UserStore Store => Services.GetRequiredService<UserStore>();

    /// <summary>What the application logged, as "category: message".</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>What the application logged, with the level and the exception.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> LogEntries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach ((string key, string? value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(new CaptureProvider(Logs, LogEntries)));
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>
    /// Asserts that the application does not start, and returns every message of why: the exception the start threw
    /// and the exceptions the host logged, each with its inner ones. The host logs its start failure before it is
    /// disposed; the test host may race that disposal and throw <see cref="ObjectDisposedException"/> in place of the
    /// start's own exception, so the log is where the reason is sure to be.
    /// </summary>
    public string StartFailure()
    {
        Exception thrown = Assert.ThrowsAny<Exception>(() => NewClient());
        string messages = string.Empty;
        foreach (Exception? logged in LogEntries.Select(e => e.Exception).Where(e => e is not null).Prepend(thrown))
        {
            for (Exception? each = logged; each is not null; each = each.InnerException)
            {
                messages += each.Message + "\n";
            }
        }

        return messages;
    }

    /// <summary>Registers a user through POST /auth/register and returns the stored user.</summary>
    public async Task<User> RegisterAsync(HttpClient client, string? email = null)
    {
        email ??= "user-" + Guid.NewGuid().ToString("N") + "@camelot.bt";
        using HttpResponseMessage response = await client.PostAsJsonAsync("/auth/register", new { email, password = Password }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Store.FindByEmail(email)!;
    }

    public static FormUrlEncodedContent LoginForm(string username, string password) =>
        new([new("username", username), new("password", password)]);

    /// <summary>Logs in through POST /auth/jwt/login and returns the access token.</summary>
    public static async Task<string> LoginAsync(HttpClient client, User user)
    {
        using HttpResponseMessage response = await client.PostAsync("/auth/jwt/login", LoginForm(user.Email, Password), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetMeAsync(HttpClient client, string? authorization = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<string> ReadAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    public static string? WwwAuthenticate(HttpResponseMessage response) =>
        response.Headers.TryGetValues("WWW-Authenticate", out IEnumerable<string>? values) ? string.Join(", ", values) : null;

    public static string[] SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? values) ? values.ToArray() : [];

    /// <summary>Mints an HS256 token by hand, as PyJWT writes it: compact JSON, header {"alg":"HS256","typ":"JWT"}.</summary>
    public static string MintHs256(string payloadJson, string secret = Secret)
    {
        string signingInput = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""")) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        byte[] signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + B64(signature);
    }

    /// <summary>fastapi-users' payload: {"sub":…,"aud":[…],"exp":…}.</summary>
    public static string Payload(Guid id, long exp, string audience = "fastapi-users:auth") =>
        "{\"sub\":\"" + id.ToString("D") + "\",\"aud\":[\"" + audience + "\"],\"exp\":" + exp + "}";

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Keeps every log message of the application for the tests to read.</summary>
internal sealed class CaptureProvider(ConcurrentQueue<string> sink, ConcurrentQueue<(LogLevel, string, Exception?)>? entries = null) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CaptureLogger(categoryName, sink, entries);

    public void Dispose()
    {
    }

    private sealed class CaptureLogger(string category, ConcurrentQueue<string> sink, ConcurrentQueue<(LogLevel, string, Exception?)>? entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Enqueue(category + ": " + formatter(state, exception));
            entries?.Enqueue((logLevel, category + ": " + formatter(state, exception), exception));
        }
    }
}
