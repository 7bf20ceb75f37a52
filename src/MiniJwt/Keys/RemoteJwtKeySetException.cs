using System;

namespace MiniJwt.Remote;

/// <summary>
/// Why a refresh of a <see cref="RemoteJwtKeySet"/> failed (a timeout, an HTTP error, a redirect, a body too large, a
/// malformed document, an issuer that does not match). It is reported through <see cref="RemoteJwtKeySet.LastError"/> and
/// <see cref="RemoteJwtKeySetOptions.RefreshFailed"/>, never thrown on the verify path. The message names the address and the
/// reason, never key material.
/// </summary>
public sealed class RemoteJwtKeySetException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public RemoteJwtKeySetException()
        : base("A refresh of the remote JWK Set failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public RemoteJwtKeySetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause, such as an <see cref="System.Net.Http.HttpRequestException"/>.</param>
    public RemoteJwtKeySetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
