using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;

namespace MiniJwt.AspNetCore;

/// <summary>Checks <see cref="CurrentUserRequirement"/> against the MiniJwt identity of the principal.</summary>
internal sealed class CurrentUserRequirementHandler : AuthorizationHandler<CurrentUserRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CurrentUserRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        AuthUserIdentity? identity = context.User.FindAuthUserIdentity();
        if (identity is not null
            && (!requirement.Active || identity.IsActive)
            && (!requirement.Verified || identity.IsVerified)
            && (!requirement.Superuser || identity.IsSuperuser))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
