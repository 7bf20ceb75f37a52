using System;

namespace MiniJwt;

/// <summary>The JWS level's own payload reader: the payload is opaque bytes, so only its Base64Url is checked.</summary>
internal struct JwsPayloadCheck : IJwsPayloadReader
{
    public readonly JwtError Read(ReadOnlySpan<byte> encodedPayload, in JwtHeader header) =>
        JwtBase64Url.IsValid(encodedPayload) ? default : JwtError.Payload(JwtErrorCode.InvalidBase64Url);
}
