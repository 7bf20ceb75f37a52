using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt.Strategy;

/// <summary>
/// What <see cref="JwtStrategy{TUser, TId}.ReadTokenWithReasonAsync"/> found: the user a token stands for, or why
/// there is none.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public sealed class StrategyReadResult<TUser>
    where TUser : class
{
    internal StrategyReadResult(TUser? user, JwtError error, Exception? exception = null)
    {
        User = user;
        Error = error;
        Exception = exception;
    }

    /// <summary>The user, or <see langword="null"/> when the token does not stand for one.</summary>
    public TUser? User { get; }

    /// <summary>
    /// Why the token was refused; <see cref="JwtErrorCode.None"/> when the token itself was valid (then either
    /// <see cref="User"/> is set, or the token's subject names no user of the store).
    /// </summary>
    public JwtError Error { get; }

    /// <summary>
    /// The exception of the revocation store when it could not be consulted (<see cref="Error"/> is then
    /// <see cref="JwtErrorCode.RevocationCheckFailed"/>), for the caller to log; otherwise <see langword="null"/>.
    /// </summary>
    public Exception? Exception { get; }

    /// <summary><see langword="true"/> when the token stands for a user.</summary>
    [MemberNotNullWhen(true, nameof(User))]
    public bool Succeeded => User is not null;
}
