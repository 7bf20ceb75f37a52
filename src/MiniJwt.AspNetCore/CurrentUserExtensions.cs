using System;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace MiniJwt.AspNetCore;

/// <summary>Requires the current user on a route or in a policy, as fastapi-users' <c>current_user(…)</c> dependency does.</summary>
public static class CurrentUserExtensions
{
    /// <summary>
    /// Requires a user found by a MiniJwt backend (every backend is tried in order), with the given flags: 401
    /// without a user or, when <paramref name="active"/>, for an inactive one; 403 for an unverified user when
    /// <paramref name="verified"/> or one who is not a superuser when <paramref name="superuser"/>.
    /// </summary>
    /// <param name="policy">The policy builder.</param>
    /// <param name="active">Require an active user (the default, as the fastapi-users examples do).</param>
    /// <param name="verified">Require a verified user.</param>
    /// <param name="superuser">Require a superuser.</param>
    /// <returns><paramref name="policy"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    public static AuthorizationPolicyBuilder RequireCurrentUser(this AuthorizationPolicyBuilder policy, bool active = true, bool verified = false, bool superuser = false)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy
            .AddAuthenticationSchemes(AuthDefaults.AuthenticationScheme)
            .AddRequirements(new CurrentUserRequirement(active, verified, superuser));
    }

    /// <summary>Requires the current user on an endpoint or a route group; see <see cref="RequireCurrentUser(AuthorizationPolicyBuilder, bool, bool, bool)"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint, group or controller route.</param>
    /// <param name="active">Require an active user (the default).</param>
    /// <param name="verified">Require a verified user.</param>
    /// <param name="superuser">Require a superuser.</param>
    /// <returns><paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static TBuilder RequireCurrentUser<TBuilder>(this TBuilder builder, bool active = true, bool verified = false, bool superuser = false)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(policy => policy.RequireCurrentUser(active, verified, superuser));
    }
}
