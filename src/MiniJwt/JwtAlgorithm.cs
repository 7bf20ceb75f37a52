using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>The JWS signature algorithms of RFC 7518 §3 that MiniJwt implements.</summary>
/// <remarks>
/// An algorithm's registered name, as written in the <c>alg</c> header, is its <see cref="object.ToString"/> (such as <c>HS256</c>).
/// <c>none</c> is deliberately absent: MiniJwt neither writes nor accepts unsecured tokens.
/// </remarks>
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
