using System;
using Microsoft.AspNetCore.Authentication;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>
/// The options of one authentication backend (fastapi-users' <c>AuthenticationBackend</c>): its transport and how to
/// get its strategy. The backend's name is the authentication scheme's name.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <typeparam name="TId">The identifier type.</typeparam>
public sealed class AuthBackendOptions<TUser, TId> : AuthenticationSchemeOptions
    where TUser : class
{
    /// <summary>How the token travels: a <see cref="BearerTransport"/> or a <see cref="CookieTransport"/>.</summary>
    public AuthTransport? Transport { get; set; }

    /// <summary>
    /// Gets the strategy from the request's services, once per request (fastapi-users' <c>get_strategy</c>). The
    /// default resolves <see cref="IStrategy{TUser, TId}"/>. Make the strategy itself a singleton where it can be one
    /// (a <see cref="JwtStrategy{TUser, TId}"/> is immutable and thread-safe).
    /// </summary>
    public Func<IServiceProvider, IStrategy<TUser, TId>>? GetStrategy { get; set; }

    /// <summary>Checks that a transport is set.</summary>
    /// <exception cref="InvalidOperationException">No transport is set.</exception>
    public override void Validate()
    {
        base.Validate();
        if (Transport is null)
        {
            throw new InvalidOperationException("The authentication backend has no transport: set Transport to a BearerTransport or a CookieTransport.");
        }
    }
}
