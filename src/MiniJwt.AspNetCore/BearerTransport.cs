using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MiniJwt.AspNetCore;

/// <summary>
/// The token travels in the <c>Authorization: Bearer …</c> request header (scheme name in any case). Login answers
/// 200 <c>{"access_token":"…","token_type":"bearer"}</c>; logout answers 204 with an empty body.
/// </summary>
public sealed class BearerTransport : AuthTransport
{
    /// <summary>Creates the transport.</summary>
    /// <param name="tokenUrl">The login route, relative as fastapi-users writes it (<c>auth/jwt/login</c>); for API descriptions only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tokenUrl"/> is <see langword="null"/>.</exception>
    [SuppressMessage("Design", "CA1054:URI-like parameters should not be strings", Justification = "A relative route as fastapi-users writes it, not an absolute URI.")]
    public BearerTransport(string tokenUrl)
    {
        ArgumentNullException.ThrowIfNull(tokenUrl);
        TokenUrl = tokenUrl;
    }

    /// <summary>The login route, for API descriptions (OpenAPI's password flow); it creates no route.</summary>
    [SuppressMessage("Design", "CA1056:URI-like properties should not be strings", Justification = "A relative route as fastapi-users writes it, not an absolute URI.")]
    public string TokenUrl { get; }

    /// <summary>
    /// Reads the first <c>Authorization</c> header: its value is split at the first space; when the part before it is
    /// <c>bearer</c> in any case, the token is the rest with surrounding white space removed (a bare <c>Bearer</c>
    /// gives the empty string, which no strategy accepts). Any other scheme, or no header, gives <see langword="null"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    public override string? ReadToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StringValues values = request.Headers.Authorization;
        string? value = values.Count == 0 ? null : values[0];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        ReadOnlySpan<char> scheme = space < 0 ? value : value.AsSpan(0, space);
        if (!scheme.Equals("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return space < 0 ? string.Empty : value.Substring(space + 1).Trim();
    }

    /// <summary>
    /// 200 with the body <c>{"access_token":"…","token_type":"bearer"}</c> (compact, in that order) and
    /// <c>Cache-Control: no-store</c>.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <returns>The result.</returns>
    public override IResult GetLoginResponse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenResult(token);
    }

    private sealed class TokenResult(string token) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json";
            response.Headers.CacheControl = "no-store";
            response.Headers[HeaderNames.Pragma] = "no-cache";
            using var writer = new Utf8JsonWriter(response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteString("access_token"u8, token);
            writer.WriteString("token_type"u8, "bearer"u8);
            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
