namespace MiniJwt.AspNetCore;

/// <summary>
/// An authorization requirement for a user found by a MiniJwt backend, with fastapi-users' <c>current_user</c> flags.
/// A request without such a user is challenged (401); an inactive user, when <see cref="Active"/> is required, is
/// challenged too (401); an unverified user or one who is not a superuser, when required, is forbidden (403).
/// </summary>
/// <param name="active">Require <c>is_active</c> (401 otherwise).</param>
/// <param name="verified">Require <c>is_verified</c> (403 otherwise).</param>
/// <param name="superuser">Require <c>is_superuser</c> (403 otherwise).</param>
public sealed class CurrentUserRequirement(bool active, bool verified, bool superuser) : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement
{
    /// <summary>Whether the user must be active.</summary>
    public bool Active { get; } = active;

    /// <summary>Whether the user must be verified.</summary>
    public bool Verified { get; } = verified;

    /// <summary>Whether the user must be a superuser.</summary>
    public bool Superuser { get; } = superuser;
}
