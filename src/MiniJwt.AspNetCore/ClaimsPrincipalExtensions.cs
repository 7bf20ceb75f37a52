using System;
using System.Security.Claims;

namespace MiniJwt.AspNetCore;

/// <summary>Reads the user a MiniJwt backend put on the request's principal.</summary>
public static class ClaimsPrincipalExtensions
{
    /// <summary>Finds the MiniJwt identity of the principal.</summary>
    /// <param name="principal">The principal, such as <c>HttpContext.User</c>.</param>
    /// <returns>The identity, or <see langword="null"/> when no MiniJwt backend authenticated the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    public static AuthUserIdentity? FindAuthUserIdentity(this ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        foreach (ClaimsIdentity identity in principal.Identities)
        {
            if (identity is AuthUserIdentity found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The authenticated user, or <see langword="null"/> when there is none of type <typeparamref name="TUser"/>.</summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="principal">The principal, such as <c>HttpContext.User</c>.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    public static TUser? FindUser<TUser>(this ClaimsPrincipal principal)
        where TUser : class
        => principal.FindAuthUserIdentity()?.User as TUser;

    /// <summary>
    /// The authenticated user, on a route that requires one (<see cref="CurrentUserExtensions.RequireCurrentUser{TBuilder}"/>).
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="principal">The principal, such as <c>HttpContext.User</c>.</param>
    /// <returns>The user.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="principal"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">No MiniJwt backend authenticated a user of type <typeparamref name="TUser"/>: the route does not require a current user.</exception>
    public static TUser GetUser<TUser>(this ClaimsPrincipal principal)
        where TUser : class
        => principal.FindUser<TUser>()
            ?? throw new InvalidOperationException(
                "No " + typeof(TUser).Name + " is authenticated on this request: require one with RequireCurrentUser() on the route.");
}
