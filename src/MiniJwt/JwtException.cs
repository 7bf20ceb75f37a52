using System;

namespace MiniJwt;

/// <summary>Thrown by the throwing forms (<c>Jwt.Decode</c>, <c>Jws.Verify</c>) when a token is refused.</summary>
/// <remarks>The message never contains token or key material. The <c>Try</c> forms return the same <see cref="JwtError"/> without throwing.</remarks>
public sealed class JwtException : Exception
{
    /// <summary>Creates an exception for <paramref name="error"/>.</summary>
    /// <param name="error">Why the token was refused.</param>
    public JwtException(JwtError error)
        : base(error.Message)
    {
        Error = error;
    }

    /// <summary>Creates an exception with no error code (<see cref="JwtErrorCode.None"/>).</summary>
    public JwtException()
        : this(default(JwtError))
    {
    }

    /// <summary>Creates an exception with a custom message and no error code.</summary>
    /// <param name="message">The message.</param>
    public JwtException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a custom message, an inner exception and no error code.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JwtException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error, with its stable code.</summary>
    public JwtError Error { get; }

    /// <summary>The stable error code; shorthand for <c>Error.Code</c>.</summary>
    public JwtErrorCode Code => Error.Code;
}
