using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>Maps a backend's login and logout routes (fastapi-users' auth router).</summary>
public static class AuthRouteExtensions
{
    /// <summary>
    /// Maps <c>POST {prefix}/login</c> and <c>POST {prefix}/logout</c> for the backend named <paramref name="backendName"/>.
    /// Login takes the form fields <c>username</c> and <c>password</c>, checks them with
    /// <see cref="IAuthUserManager{TUser, TId}.AuthenticateAsync"/> and answers with the transport's login response;
    /// an unknown user, a wrong password or an inactive user get 400 <c>{"detail":"LOGIN_BAD_CREDENTIALS"}</c>, an
    /// unverified user 400 <c>{"detail":"LOGIN_USER_NOT_VERIFIED"}</c> when <paramref name="requiresVerification"/>;
    /// missing fields 422. Logout requires an active user (found by any backend, 401 otherwise), asks this backend's
    /// strategy to destroy the token (a strategy that cannot, as the JWT strategy without a revocation store, is no
    /// error; with a store, the token is revoked) and answers with the transport's logout response.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <typeparam name="TId">The identifier type.</typeparam>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="backendName">The name given to <see cref="AuthenticationBuilderExtensions.AddMiniJwtBackend"/>.</param>
    /// <param name="prefix">The route prefix, such as <c>/auth/jwt</c>.</param>
    /// <param name="requiresVerification">Refuse login (400) and logout (403) to unverified users.</param>
    /// <returns>The route group holding both routes, to add filters, metadata or rate limiting.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No backend named <paramref name="backendName"/> was added.</exception>
    public static RouteGroupBuilder MapAuthRoutes<TUser, TId>(this IEndpointRouteBuilder endpoints, string backendName, string prefix, bool requiresVerification = false)
        where TUser : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(backendName);
        ArgumentNullException.ThrowIfNull(prefix);
        BackendRegistry? registry = endpoints.ServiceProvider.GetService<BackendRegistry>();
        if (registry is null || !registry.Backends.Any(b => b.Name == backendName))
        {
            throw new InvalidOperationException(
                "No authentication backend named \"" + backendName + "\": add it with AddAuthentication().AddMiniJwtBackend<"
                + typeof(TUser).Name + ", " + typeof(TId).Name + ">(\"" + backendName + "\", …) first.");
        }

        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        group.MapPost("/login", context => LoginAsync<TUser, TId>(context, backendName, requiresVerification))
            .WithName("auth:" + backendName + ".login")
            .AllowAnonymous();
        group.MapPost("/logout", context => LogoutAsync<TUser, TId>(context, backendName))
            .WithName("auth:" + backendName + ".logout")
            .RequireCurrentUser(active: true, verified: requiresVerification);
        return group;
    }

    private static AuthBackendOptions<TUser, TId> GetOptions<TUser, TId>(HttpContext context, string backendName)
        where TUser : class
        => context.RequestServices.GetRequiredService<IOptionsMonitor<AuthBackendOptions<TUser, TId>>>().Get(backendName);

    private static async Task LoginAsync<TUser, TId>(HttpContext context, string backendName, bool requiresVerification)
        where TUser : class
    {
        if (await RefuseForgedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await WriteMissingFieldsAsync(context.Response, ["username", "password"]).ConfigureAwait(false);
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? username = First(form["username"]);
        string? password = First(form["password"]);
        string? grantType = First(form["grant_type"]);
        string[] missing = [.. new[] { ("username", username), ("password", password) }.Where(f => f.Item2 is null).Select(f => f.Item1)];
        if (missing.Length != 0 || (grantType is not null && grantType != "password"))
        {
            await WriteMissingFieldsAsync(context.Response, missing.Length != 0 ? missing : ["grant_type"]).ConfigureAwait(false);
            return;
        }

        IAuthUserManager<TUser, TId> manager = context.RequestServices.GetRequiredService<IAuthUserManager<TUser, TId>>();
        TUser? user = await manager.AuthenticateAsync(username!, password!, context.RequestAborted).ConfigureAwait(false);
        if (user is null || !manager.IsActive(user))
        {
            await AuthResponses.WriteDetailAsync(context.Response, StatusCodes.Status400BadRequest, AuthDefaults.LoginBadCredentials).ConfigureAwait(false);
            return;
        }

        if (requiresVerification && !manager.IsVerified(user))
        {
            await AuthResponses.WriteDetailAsync(context.Response, StatusCodes.Status400BadRequest, AuthDefaults.LoginUserNotVerified).ConfigureAwait(false);
            return;
        }

        AuthBackendOptions<TUser, TId> options = GetOptions<TUser, TId>(context, backendName);
        IStrategy<TUser, TId> strategy = AuthBackendHandler<TUser, TId>.ResolveStrategy(options, context.RequestServices);
        string token = await strategy.WriteTokenAsync(user).ConfigureAwait(false);
        await options.Transport!.GetLoginResponse(token).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async Task LogoutAsync<TUser, TId>(HttpContext context, string backendName)
        where TUser : class
    {
        if (await RefuseForgedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        AuthUserIdentity? identity = context.User.FindAuthUserIdentity();
        if (identity?.User is not TUser user || identity.Token is not string token)
        {
            await AuthResponses.ChallengeAsync(context.Response, null).ConfigureAwait(false);
            return;
        }

        AuthBackendOptions<TUser, TId> options = GetOptions<TUser, TId>(context, backendName);
        IStrategy<TUser, TId> strategy = AuthBackendHandler<TUser, TId>.ResolveStrategy(options, context.RequestServices);
        try
        {
            await strategy.DestroyTokenAsync(token, user).ConfigureAwait(false);
        }
        catch (StrategyDestroyNotSupportedException)
        {
            // Without a revocation store, a JWT stays valid until it expires: the client drops it (and the cookie
            // transport clears it below). With one, DestroyTokenAsync has revoked it.
        }

        await options.Transport!.GetLogoutResponse().ExecuteAsync(context).ConfigureAwait(false);
    }

    // When the application asks for antiforgery on these routes (RequireAntiforgeryTokenAttribute metadata and
    // app.UseAntiforgery()), the middleware has checked the token: refuse a request it found invalid.
    private static async Task<bool> RefuseForgedAsync(HttpContext context)
    {
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            await AuthResponses.WriteDetailAsync(context.Response, StatusCodes.Status400BadRequest, AuthDefaults.AntiforgeryTokenInvalid).ConfigureAwait(false);
            return true;
        }

        return false;
    }

    // FastAPI treats an empty form value as missing.
    private static string? First(StringValues values) => values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];

    // 422 in the shape FastAPI gives a request that fails validation: {"detail":[{"type":"missing","loc":["body",name],"msg":"Field required"}]}.
    private static async Task WriteMissingFieldsAsync(HttpResponse response, string[] fields)
    {
        response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        response.ContentType = "application/json";
        using var writer = new Utf8JsonWriter(response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteStartArray("detail"u8);
        foreach (string field in fields)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, field == "grant_type" ? "string_pattern_mismatch"u8 : "missing"u8);
            writer.WriteStartArray("loc"u8);
            writer.WriteStringValue("body"u8);
            writer.WriteStringValue(field);
            writer.WriteEndArray();
            writer.WriteString("msg"u8, field == "grant_type" ? "String should match pattern '^password$'"u8 : "Field required"u8);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(response.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
