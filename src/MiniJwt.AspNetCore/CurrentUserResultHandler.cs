using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace MiniJwt.AspNetCore;

/// <summary>
/// ASP.NET Core forbids (403) an authenticated user who fails a requirement; fastapi-users answers 401 when the
/// failure is an inactive user. This handler challenges instead in that one case and leaves every other decision
/// to the default handler.
/// </summary>
internal sealed class CurrentUserResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<CurrentUserRequirement>().Any(r => r.Active) == true
            && context.User.FindAuthUserIdentity() is { IsActive: false })
        {
            if (policy.AuthenticationSchemes.Count > 0)
            {
                foreach (string scheme in policy.AuthenticationSchemes)
                {
                    await context.ChallengeAsync(scheme).ConfigureAwait(false);
                }
            }
            else
            {
                await context.ChallengeAsync().ConfigureAwait(false);
            }

            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
