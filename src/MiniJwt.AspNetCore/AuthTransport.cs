using Microsoft.AspNetCore.Http;

namespace MiniJwt.AspNetCore;

/// <summary>
/// How a token travels between client and server (fastapi-users' <c>Transport</c>): where the backend reads it from a
/// request, and the responses of the login and logout routes. <see cref="BearerTransport"/> and
/// <see cref="CookieTransport"/> are the two fastapi-users ships.
/// </summary>
public abstract class AuthTransport
{
    /// <summary>Reads the token from a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The token, or <see langword="null"/> when the request carries none for this transport.</returns>
    public abstract string? ReadToken(HttpRequest request);

    /// <summary>The response of a successful login.</summary>
    /// <param name="token">The token the strategy wrote.</param>
    /// <returns>The result to send.</returns>
    public abstract IResult GetLoginResponse(string token);

    /// <summary>
    /// The response of a logout. The default is 204 with an empty body, what fastapi-users sends for a transport
    /// that has nothing to clear.
    /// </summary>
    /// <returns>The result to send.</returns>
    public virtual IResult GetLogoutResponse() => Results.NoContent();
}
