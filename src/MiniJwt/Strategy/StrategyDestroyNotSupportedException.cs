using System;

namespace MiniJwt.Strategy;

/// <summary>
/// A strategy cannot invalidate a token on logout. <see cref="JwtStrategy{TUser, TId}.DestroyTokenAsync"/> always
/// fails with it: a JWT stays valid until it expires. A logout endpoint catches it and simply lets the client
/// drop the token (fastapi-users answers 204, or clears the cookie).
/// </summary>
public sealed class StrategyDestroyNotSupportedException : NotSupportedException
{
    /// <summary>The message of the JWT strategy, as fastapi-users words it.</summary>
    public const string JwtMessage = "A JWT can't be invalidated: it's valid until it expires.";

    /// <summary>Creates the exception with <see cref="JwtMessage"/>.</summary>
    public StrategyDestroyNotSupportedException()
        : base(JwtMessage)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Why the token cannot be invalidated.</param>
    public StrategyDestroyNotSupportedException(string? message)
        : base(message ?? JwtMessage)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">Why the token cannot be invalidated.</param>
    /// <param name="innerException">The cause.</param>
    public StrategyDestroyNotSupportedException(string? message, Exception? innerException)
        : base(message ?? JwtMessage, innerException)
    {
    }
}
