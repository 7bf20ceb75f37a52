using System;
using Microsoft.AspNetCore.Http;

namespace MiniJwt.AspNetCore;

/// <summary>
/// The token travels in a cookie, with fastapi-users' parameters and defaults: name <c>fastapiusersauth</c>, no
/// max age (a session cookie), path <c>/</c>, no domain, <c>Secure</c>, <c>HttpOnly</c>, <c>SameSite=Lax</c>. Login
/// answers 204 with the cookie set; logout answers 204 with the cookie cleared (empty value, max age 0).
/// </summary>
/// <remarks>
/// A cookie is sent by the browser on its own, so a cookie-authenticated route that changes state needs protection
/// from cross-site request forgery: <c>SameSite=Lax</c> (or <c>Strict</c>) keeps the cookie off cross-site
/// <c>POST</c>s in current browsers, and the application's own forms should use ASP.NET Core antiforgery.
/// </remarks>
public sealed class CookieTransport : AuthTransport
{
    /// <summary>The cookie name fastapi-users uses by default.</summary>
    public const string DefaultCookieName = "fastapiusersauth";

    /// <summary>The cookie name; also the cookie the token is read from. Default <c>fastapiusersauth</c>.</summary>
    public string CookieName { get; init; } = DefaultCookieName;

    /// <summary>The cookie's <c>Max-Age</c>; <see langword="null"/> (the default) makes a session cookie.</summary>
    public TimeSpan? CookieMaxAge { get; init; }

    /// <summary>The cookie's <c>Path</c>. Default <c>/</c>.</summary>
    public string CookiePath { get; init; } = "/";

    /// <summary>The cookie's <c>Domain</c>; <see langword="null"/> (the default) writes none.</summary>
    public string? CookieDomain { get; init; }

    /// <summary>Whether the cookie is <c>Secure</c> (sent over HTTPS only). Default <see langword="true"/>.</summary>
    public bool CookieSecure { get; init; } = true;

    /// <summary>Whether the cookie is <c>HttpOnly</c> (hidden from scripts). Default <see langword="true"/>.</summary>
    public bool CookieHttpOnly { get; init; } = true;

    /// <summary>The cookie's <c>SameSite</c> mode. Default <see cref="SameSiteMode.Lax"/>.</summary>
    public SameSiteMode CookieSameSite { get; init; } = SameSiteMode.Lax;

    /// <summary>Reads the cookie named <see cref="CookieName"/>; a missing or empty cookie gives <see langword="null"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    public override string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? value = request.Cookies[CookieName];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>204 with the cookie set to the token.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The result.</returns>
    public override IResult GetLoginResponse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new CookieResult(this, token, CookieMaxAge);
    }

    /// <summary>204 with the cookie cleared: the same name and attributes, an empty value and a max age of 0.</summary>
    /// <returns>The result.</returns>
    public override IResult GetLogoutResponse() => new CookieResult(this, string.Empty, TimeSpan.Zero);

    private CookieOptions CreateOptions(TimeSpan? maxAge) => new()
    {
        MaxAge = maxAge,
        Path = CookiePath,
        Domain = CookieDomain,
        Secure = CookieSecure,
        HttpOnly = CookieHttpOnly,
        SameSite = CookieSameSite,
        IsEssential = true,
    };

    private sealed class CookieResult(CookieTransport transport, string value, TimeSpan? maxAge) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Cookies.Append(transport.CookieName, value, transport.CreateOptions(maxAge));
            httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
            return System.Threading.Tasks.Task.CompletedTask;
        }
    }
}
