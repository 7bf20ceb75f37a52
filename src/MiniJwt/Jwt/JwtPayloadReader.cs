using System;

namespace MiniJwt;

/// <summary>
/// The JWT level's part of a decode, run by the JWS level once the signature is verified: the expected <c>typ</c>,
/// then step 7 (the payload as a strict JSON object, then the claims, <see cref="JwtClaimsReader"/>).
/// </summary>
internal struct JwtPayloadReader : IJwsPayloadReader
{
    private readonly JwtValidationOptions _options;

    public JwtPayloadReader(JwtValidationOptions options)
    {
        _options = options;
        Claims = default;
    }

    /// <summary>The registered claims, once <see cref="Read"/> has succeeded.</summary>
    public RegisteredClaims Claims { get; private set; }

    public JwtError Read(ReadOnlySpan<byte> encodedPayload, in JwtHeader header)
    {
        if (_options.Type is not null && !TypeMatches(header.Type, _options.Type))
        {
            return JwtError.Header(JwtErrorCode.InvalidType, "typ");
        }

        int length = JwtBase64Url.GetDecodedLength(encodedPayload.Length);
        if (length < 0)
        {
            return JwtError.Payload(JwtErrorCode.InvalidBase64Url);
        }

        using PooledBuffer payload = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        if (!JwtBase64Url.DecodeCore(encodedPayload, payload.Span, out int written))
        {
            return JwtError.Payload(JwtErrorCode.InvalidBase64Url);
        }

        JwtError error = JwtClaimsReader.Validate(payload.Span.Slice(0, written), _options, out RegisteredClaims claims);
        Claims = claims;
        return error;
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
