using System;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>Thrown by the throwing forms (<c>Jwt.Decode</c>, <c>Jws.Verify</c>) when a token is refused.</summary>
/// <remarks>The message never contains token or key material. The <c>Try</c> forms return the same <see cref="JwtError"/> without throwing.</remarks>
[SuppressMessage(
    "Design",
    "CA1032:Implement standard exception constructors",
    Justification = "Every JwtException carries a JwtError: the standard constructors would make one with no code, which no caller could act on.")]
public sealed class JwtException : Exception
{
    /// <summary>Creates an exception for <paramref name="error"/>.</summary>
    /// <param name="error">Why the token was refused.</param>
    public JwtException(JwtError error)
        : base(error.Message)
    {
        Error = error;
    }

    /// <summary>The error, with its stable code.</summary>
    public JwtError Error { get; }

    /// <summary>The stable error code; shorthand for <c>Error.Code</c>.</summary>
    public JwtErrorCode Code => Error.Code;
}
