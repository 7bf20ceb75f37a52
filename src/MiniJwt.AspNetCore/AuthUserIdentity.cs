using System;
using System.Collections.Generic;
using System.Security.Claims;

namespace MiniJwt.AspNetCore;

/// <summary>
/// The identity a MiniJwt backend gives an authenticated request: it carries the user object the strategy read
/// (not only claims), the user's flags as the user manager reported them, and the backend that found it. Read the
/// user with <see cref="ClaimsPrincipalExtensions.GetUser{TUser}(ClaimsPrincipal)"/>.
/// </summary>
public sealed class AuthUserIdentity : ClaimsIdentity
{
    /// <summary>Creates the identity.</summary>
    /// <param name="user">The user.</param>
    /// <param name="backendName">The backend (authentication scheme) that found the user.</param>
    /// <param name="isActive">The user's <c>is_active</c> flag.</param>
    /// <param name="isVerified">The user's <c>is_verified</c> flag.</param>
    /// <param name="isSuperuser">The user's <c>is_superuser</c> flag.</param>
    /// <param name="claims">Claims to add, such as the name identifier.</param>
    /// <exception cref="ArgumentNullException"><paramref name="user"/> or <paramref name="backendName"/> is <see langword="null"/>.</exception>
    public AuthUserIdentity(object user, string backendName, bool isActive, bool isVerified, bool isSuperuser, IEnumerable<Claim>? claims = null)
        : base(claims, backendName)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(backendName);
        User = user;
        BackendName = backendName;
        IsActive = isActive;
        IsVerified = isVerified;
        IsSuperuser = isSuperuser;
    }

    private AuthUserIdentity(AuthUserIdentity other)
        : base(other.Claims, other.AuthenticationType, other.NameClaimType, other.RoleClaimType)
    {
        User = other.User;
        BackendName = other.BackendName;
        IsActive = other.IsActive;
        IsVerified = other.IsVerified;
        IsSuperuser = other.IsSuperuser;
        Token = other.Token;
    }

    /// <summary>The user object, of the backend's user type.</summary>
    public object User { get; }

    /// <summary>The backend (authentication scheme) that found the user.</summary>
    public string BackendName { get; }

    /// <summary>The user's <c>is_active</c> flag at authentication.</summary>
    public bool IsActive { get; }

    /// <summary>The user's <c>is_verified</c> flag at authentication.</summary>
    public bool IsVerified { get; }

    /// <summary>The user's <c>is_superuser</c> flag at authentication.</summary>
    public bool IsSuperuser { get; }

    // The token the user was read from, for the logout route's DestroyTokenAsync. Not public: it is a credential.
    internal string? Token { get; init; }

    /// <summary>Copies the identity, user and flags included.</summary>
    /// <returns>The copy.</returns>
    public override ClaimsIdentity Clone() => new AuthUserIdentity(this);
}
