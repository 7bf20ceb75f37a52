using System;
using System.Buffers;

namespace MiniJwt;

/// <summary>
/// The whole decode order over one buffer: steps 1 to 6 (<see cref="JwsReader"/>), then, for a JWT, the
/// expected <c>typ</c> and step 7 (<see cref="JwtClaimsReader"/>). Shared by the JWS and JWT entry points.
/// </summary>
internal static class TokenVerifier
{
    /// <summary>Verifies a token given as text: size cap first, then narrowed to ASCII bytes on the stack or from the pool.</summary>
    public static JwtError Verify(string? token, JwtKey key, JwsValidationOptions options, JwtValidationOptions? claims, out JwsLayout layout, out JwtHeader header, out ClaimTimes times)
    {
        layout = default;
        header = default;
        times = default;
        if (string.IsNullOrEmpty(token))
        {
            return new JwtError(JwtErrorCode.Empty);
        }

        if (token.Length > options.MaxTokenLength)
        {
            return new JwtError(JwtErrorCode.TokenTooLarge);
        }

        byte[]? rented = null;
        Span<byte> bytes = token.Length <= JwsReader.StackLimit
            ? stackalloc byte[token.Length]
            : (rented = ArrayPool<byte>.Shared.Rent(token.Length));
        try
        {
            bytes = bytes.Slice(0, token.Length);
            if (!JwsReader.TryNarrow(token, bytes))
            {
                return new JwtError(JwtErrorCode.Malformed);
            }

            return Verify(bytes, key, options, claims, out layout, out header, out times);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Verifies a token given as ASCII bytes. With <paramref name="claims"/> null, only the JWS level runs.</summary>
    public static JwtError Verify(ReadOnlySpan<byte> token, JwtKey key, JwsValidationOptions options, JwtValidationOptions? claims, out JwsLayout layout, out JwtHeader header, out ClaimTimes times)
    {
        times = default;
        JwtError error = JwsReader.Verify(token, key, options, out layout, out header);
        if (error.Code != JwtErrorCode.None)
        {
            return error;
        }

        ReadOnlySpan<byte> encodedPayload = token.Slice(layout.PayloadStart, layout.PayloadLength);
        if (claims is null)
        {
            return JwtBase64Url.IsValid(encodedPayload) ? default : new JwtError(JwtErrorCode.InvalidBase64Url, "payload");
        }

        if (claims.Type is not null && !TypeMatches(header.Type, claims.Type))
        {
            return new JwtError(JwtErrorCode.InvalidType, "typ");
        }

        int length = JwtBase64Url.GetDecodedLength(encodedPayload.Length);
        if (length < 0)
        {
            return new JwtError(JwtErrorCode.InvalidBase64Url, "payload");
        }

        byte[]? rented = null;
        Span<byte> payload = length <= JwsReader.StackLimit
            ? stackalloc byte[length]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            if (!JwtBase64Url.DecodeCore(encodedPayload, payload, out int written))
            {
                return new JwtError(JwtErrorCode.InvalidBase64Url, "payload");
            }

            return JwtClaimsReader.Validate(payload.Slice(0, written), claims, out times);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TypeMatches(string? actual, string expected)
    {
        if (actual is null)
        {
            return false;
        }

        return StripApplication(actual).Equals(StripApplication(expected), StringComparison.OrdinalIgnoreCase);
    }

    // RFC 7515 §4.1.9: "application/" may be omitted when no other '/' appears.
    private static ReadOnlySpan<char> StripApplication(string type) =>
        type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.IndexOf('/', 12) < 0 ? type.AsSpan(12) : type.AsSpan();
}
