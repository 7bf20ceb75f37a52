using System;

namespace MiniJwt;

/// <summary>
/// What a level above the JWS reads once the signature is verified (steps 1 to 6 passed), while the token's bytes are
/// still at hand: the JWT level reads <c>typ</c>, the payload and its claims; the JWS level only checks the payload's Base64Url.
/// </summary>
internal interface IJwsPayloadReader
{
    /// <summary>Reads the verified token's payload segment (still Base64Url); returns the first failure, or the default for none.</summary>
    JwtError Read(ReadOnlySpan<byte> encodedPayload, in JwtHeader header);
}
