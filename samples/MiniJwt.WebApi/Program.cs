using System;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniJwt.AspNetCore;
using MiniJwt.Strategy;
using MiniJwt.WebApi;

// fastapi-users' full example as a minimal API: register, JWT (Bearer) and cookie login/logout, /users/me.
// The JWT secret comes from the configuration key Auth:JwtSecret (environment variable Auth__JwtSecret).
// Token revocation (README: "Logout that means something") is off unless Auth:Revocation is "memory" (one process) or "redis" (shared by
// every instance, through ConnectionStrings:Redis); then a logout revokes the token.
WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<UserStore>();
builder.Services.AddSingleton(services => new PasswordHasher(services.GetRequiredService<IConfiguration>().GetValue("Auth:PasswordIterations", 600_000)));
builder.Services.AddScoped<IAuthUserManager<User, Guid>, UserManager>();

// Registered always, read from the configuration when first used: only Auth:Revocation = redis uses it.
builder.Services.AddStackExchangeRedisCache(_ => { });
builder.Services.AddOptions<RedisCacheOptions>().Configure<IConfiguration>((options, configuration) =>
{
    options.Configuration = configuration.GetConnectionString("Redis");
    options.InstanceName = "minijwt-sample:";
});
builder.Services.AddJwtStrategy<User, Guid>(services =>
{
    string? secret = services.GetRequiredService<IConfiguration>()["Auth:JwtSecret"];
    if (string.IsNullOrEmpty(secret))
    {
        throw new InvalidOperationException(
            "No JWT secret: set the configuration key Auth:JwtSecret (environment variable Auth__JwtSecret) to a random value of at least 32 bytes.");
    }

    return new JwtStrategy<User, Guid>(secret, lifetimeSeconds: 3600, revocationStore: CreateRevocationStore(services));
});
builder.Services.AddAuthentication()
    .AddMiniJwtBackend<User, Guid>("jwt", new BearerTransport("auth/jwt/login"))
    .AddMiniJwtBackend<User, Guid>("cookie", new CookieTransport { CookieMaxAge = TimeSpan.FromHours(1) });
builder.Services.AddAuthorization();

WebApplication app = builder.Build();
bool requiresVerification = app.Configuration.GetValue("Auth:RequiresVerification", false);

app.MapAuthRoutes<User, Guid>("jwt", "/auth/jwt", requiresVerification);
app.MapAuthRoutes<User, Guid>("cookie", "/auth/cookie", requiresVerification);

app.MapPost("/auth/register", (RegisterRequest request, UserStore store, PasswordHasher hasher) =>
{
    if (string.IsNullOrEmpty(request.Email) || string.IsNullOrEmpty(request.Password) || !IsEmail(request.Email))
    {
        return Results.Json(new { detail = "A valid email and a password are required." }, statusCode: StatusCodes.Status422UnprocessableEntity);
    }

    var user = new User(Guid.NewGuid(), request.Email, hasher.Hash(request.Password));
    return store.TryAdd(user)
        ? Results.Json(UserRead.From(user), statusCode: StatusCodes.Status201Created)
        : Results.Json(new { detail = AuthDefaults.RegisterUserAlreadyExists }, statusCode: StatusCodes.Status400BadRequest);
});

app.MapGet("/users/me", (ClaimsPrincipal principal) => UserRead.From(principal.GetUser<User>()))
    .RequireCurrentUser(active: true, verified: requiresVerification);

app.MapGet("/users/{id:guid}", (Guid id, UserStore store) =>
        store.Get(id) is User user ? Results.Json(UserRead.From(user)) : Results.Json(new { detail = "Not Found" }, statusCode: StatusCodes.Status404NotFound))
    .RequireCurrentUser(active: true, superuser: true);

app.MapGet("/authenticated-route", (ClaimsPrincipal principal) => new { message = "Hello " + principal.GetUser<User>().Email + "!" })
    .RequireCurrentUser(active: true);

app.Run();

static ITokenRevocationStore? CreateRevocationStore(IServiceProvider services)
{
    IConfiguration configuration = services.GetRequiredService<IConfiguration>();
    switch (configuration["Auth:Revocation"]?.ToLowerInvariant())
    {
        case null or "" or "off":
            return null;
        case "memory":
            return new MemoryTokenRevocationStore();
        case "redis":
            if (string.IsNullOrEmpty(configuration.GetConnectionString("Redis")))
            {
                throw new InvalidOperationException(
                    "Auth:Revocation is redis but there is no Redis connection string: set ConnectionStrings:Redis (environment variable ConnectionStrings__Redis), such as \"127.0.0.1:6379\".");
            }

            return new DistributedCacheTokenRevocationStore(services.GetRequiredService<IDistributedCache>());
        default:
            throw new InvalidOperationException("Auth:Revocation is \"" + configuration["Auth:Revocation"] + "\": use memory, redis (with ConnectionStrings:Redis) or leave it unset.");
    }
}

static bool IsEmail(string value)
{
    int at = value.IndexOf('@', StringComparison.Ordinal);
    return at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.');
}

/// <summary>The body of POST /auth/register.</summary>
internal sealed record RegisterRequest(string? Email, string? Password);

/// <summary>fastapi-users' UserRead: id, email, is_active, is_superuser, is_verified.</summary>
internal sealed record UserRead(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("is_active")] bool IsActive,
    [property: JsonPropertyName("is_superuser")] bool IsSuperuser,
    [property: JsonPropertyName("is_verified")] bool IsVerified)
{
    public static UserRead From(User user) => new(user.Id, user.Email, user.IsActive, user.IsSuperuser, user.IsVerified);
}

/// <summary>The entry point, visible to the integration tests.</summary>
public partial class Program;
