using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>The key families of RFC 7518; a key belongs to exactly one and never serves another.</summary>
[SuppressMessage("Design", "CA1008:Enums should have zero value", Justification = "default(JwtAlgorithmFamily) must not be a family: every key has a real one.")]
internal enum JwtAlgorithmFamily
{
    /// <summary>HMAC with a shared secret (HS256, HS384, HS512).</summary>
    Hmac = 1,

    /// <summary>RSASSA-PKCS1-v1_5 (RS256, RS384, RS512).</summary>
    Rsa = 2,

    /// <summary>RSASSA-PSS (PS256, PS384, PS512).</summary>
    RsaPss = 3,

    /// <summary>ECDSA over the NIST curves (ES256, ES384, ES512).</summary>
    Ecdsa = 4,
}
