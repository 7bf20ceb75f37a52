using System;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniJwt.AspNetCore;

/// <summary>
/// The <see cref="AuthDefaults.AuthenticationScheme"/> scheme: tries each backend in the order it was added and
/// takes the first user found (fastapi-users' <c>current_user</c>). A backend whose token reads as no user does not
/// stop the search; a user found is final, whatever authorization then decides.
/// </summary>
internal sealed class CompositeAuthHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    private readonly BackendRegistry _registry;

    public CompositeAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BackendRegistry registry)
        : base(options, logger, encoder)
    {
        _registry = registry;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        AuthenticateResult? firstFailure = null;
        foreach (BackendRegistration backend in _registry.Backends)
        {
            AuthenticateResult result = await Context.AuthenticateAsync(backend.Name).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name));
            }

            firstFailure ??= result.Failure is null ? null : result;
        }

        return firstFailure is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(firstFailure.Failure!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticateResult result = await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        await AuthResponses.ChallengeAsync(Response, result.Failure?.Message).ConfigureAwait(false);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthResponses.ForbidAsync(Response);
}
