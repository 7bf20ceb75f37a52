using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>The JWS signature algorithms of RFC 7518 §3 that MiniJwt implements.</summary>
/// <remarks><c>none</c> is deliberately absent: MiniJwt neither writes nor accepts unsecured tokens.</remarks>
[SuppressMessage("Design", "CA1008:Enums should have zero value", Justification = "default(JwtAlgorithm) must not be an algorithm, and a member named None would read as the unsecured 'none' algorithm.")]
public enum JwtAlgorithm
{
    /// <summary>HMAC using SHA-256.</summary>
    HS256 = 1,

    /// <summary>HMAC using SHA-384.</summary>
    HS384 = 2,

    /// <summary>HMAC using SHA-512.</summary>
    HS512 = 3,

    /// <summary>RSASSA-PKCS1-v1_5 using SHA-256.</summary>
    RS256 = 4,

    /// <summary>RSASSA-PKCS1-v1_5 using SHA-384.</summary>
    RS384 = 5,

    /// <summary>RSASSA-PKCS1-v1_5 using SHA-512.</summary>
    RS512 = 6,

    /// <summary>RSASSA-PSS using SHA-256 and MGF1 with SHA-256.</summary>
    PS256 = 7,

    /// <summary>RSASSA-PSS using SHA-384 and MGF1 with SHA-384.</summary>
    PS384 = 8,

    /// <summary>RSASSA-PSS using SHA-512 and MGF1 with SHA-512.</summary>
    PS512 = 9,

    /// <summary>ECDSA using P-256 and SHA-256 (signature is R‖S, 64 bytes).</summary>
    ES256 = 10,

    /// <summary>ECDSA using P-384 and SHA-384 (signature is R‖S, 96 bytes).</summary>
    ES384 = 11,

    /// <summary>ECDSA using P-521 and SHA-512 (signature is R‖S, 132 bytes).</summary>
    ES512 = 12,
}

/// <summary>The key families of RFC 7518; a key belongs to exactly one and never serves another.</summary>
[SuppressMessage("Design", "CA1008:Enums should have zero value", Justification = "default(JwtAlgorithmFamily) must not be a family: every key has a real one.")]
public enum JwtAlgorithmFamily
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
