using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>
/// One backend as an authentication scheme: reads the token through the transport, the user through the strategy
/// and the user manager (both resolved for the request), and answers challenges with 401 and forbids with 403.
/// </summary>
internal sealed class AuthBackendHandler<TUser, TId> : AuthenticationHandler<AuthBackendOptions<TUser, TId>>
    where TUser : class
{
    internal const string NoSuchUser = "the token's subject is not a known user";

    private static readonly Action<ILogger, string, string, Exception?> s_refused = LoggerMessage.Define<string, string>(
        LogLevel.Information,
        new EventId(1, "TokenRefused"),
        "Authentication backend {Backend} refused a token: {Reason}");

    // Revocation: a store that cannot be consulted refuses every token (fail closed); that is an error to fix.
    private static readonly Action<ILogger, string, Exception?> s_revocationCheckFailed = LoggerMessage.Define<string>(
        LogLevel.Error,
        new EventId(2, "RevocationCheckFailed"),
        "Authentication backend {Backend} refused a token because the revocation store could not be consulted");

    public AuthBackendHandler(IOptionsMonitor<AuthBackendOptions<TUser, TId>> options, ILoggerFactory logger, UrlEncoder encoder)
        : base(options, logger, encoder)
    {
    }

    internal static IStrategy<TUser, TId> ResolveStrategy(AuthBackendOptions<TUser, TId> options, IServiceProvider services) =>
        options.GetStrategy is { } get
            ? get(services) ?? throw new InvalidOperationException("The backend's GetStrategy returned null.")
            : services.GetRequiredService<IStrategy<TUser, TId>>();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = Options.Transport!.ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        IStrategy<TUser, TId> strategy = ResolveStrategy(Options, Context.RequestServices);
        IAuthUserManager<TUser, TId> manager = Context.RequestServices.GetRequiredService<IAuthUserManager<TUser, TId>>();
        TUser? user;
        string refusal;
        bool storeFailed = false;
        Exception? storeFailure = null;
        if (strategy is JwtStrategy<TUser, TId> jwt)
        {
            StrategyReadResult<TUser> read = await jwt.ReadTokenWithReasonAsync(token, manager, Context.RequestAborted).ConfigureAwait(false);
            user = read.User;
            refusal = read.Error.Code == JwtErrorCode.None ? NoSuchUser : read.Error.Message;
            storeFailed = read.Error.Code == JwtErrorCode.RevocationCheckFailed;
            storeFailure = read.Exception;
        }
        else
        {
            user = await strategy.ReadTokenAsync(token, manager, Context.RequestAborted).ConfigureAwait(false);
            refusal = "the token does not stand for a user";
        }

        if (user is null)
        {
            if (storeFailed)
            {
                s_revocationCheckFailed(Logger, Scheme.Name, storeFailure);
            }

            s_refused(Logger, Scheme.Name, refusal, null);
            return AuthenticateResult.Fail(refusal);
        }

        var claims = new List<Claim>(1);
        if (user is IUser<TId> withId && withId.Id is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, UserIds.Format(withId.Id)));
        }

        var identity = new AuthUserIdentity(user, Scheme.Name, manager.IsActive(user), manager.IsVerified(user), manager.IsSuperuser(user), claims)
        {
            Token = token,
        };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticateResult result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        await AuthResponses.ChallengeAsync(Response, result.Failure?.Message).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Response);
}
