using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>
/// What the web backend needs from the application's user store beyond what the strategy needs: password checking
/// for the login route (fastapi-users' <c>authenticate</c>) and the three user flags that authorization reads
/// (<c>is_active</c>, <c>is_verified</c>, <c>is_superuser</c>). Register it in the service container; it is resolved
/// once per request.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <typeparam name="TId">The identifier type.</typeparam>
public interface IAuthUserManager<TUser, TId> : IUserManager<TUser, TId>
    where TUser : class
{
    /// <summary>
    /// Checks a user name (usually the e-mail address) and password. Do the password hashing even when there is no
    /// such user, so that the answer takes as long either way.
    /// </summary>
    /// <param name="username">The <c>username</c> form field, as sent.</param>
    /// <param name="password">The <c>password</c> form field, as sent.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The user, or <see langword="null"/> for an unknown user or a wrong password.</returns>
    Task<TUser?> AuthenticateAsync(string username, string password, CancellationToken cancellationToken = default);

    /// <summary>Whether the user may log in and use the routes that require an active user (fastapi-users' <c>is_active</c>).</summary>
    /// <param name="user">The user.</param>
    /// <returns><see langword="true"/> for an active user.</returns>
    bool IsActive(TUser user);

    /// <summary>Whether the user's address is verified (fastapi-users' <c>is_verified</c>).</summary>
    /// <param name="user">The user.</param>
    /// <returns><see langword="true"/> for a verified user.</returns>
    bool IsVerified(TUser user);

    /// <summary>Whether the user is a superuser (fastapi-users' <c>is_superuser</c>).</summary>
    /// <param name="user">The user.</param>
    /// <returns><see langword="true"/> for a superuser.</returns>
    bool IsSuperuser(TUser user);
}
