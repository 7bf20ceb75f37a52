using System;
using System.Security.Cryptography;
using System.Text;

namespace MiniJwt.Tests.Support;

/// <summary>Keys shared by the tests. RSA generation is slow, so one 2048-bit key serves every RS*/PS* test.</summary>
internal static class TestKeys
{
    /// <summary>48 bytes: long enough for HS256 and HS384, too short for HS512.</summary>
    public const string Secret48 = "0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>64 bytes: long enough for every HMAC algorithm.</summary>
    public const string Secret64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly Lazy<RSA> s_rsa = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> s_otherRsa = new(() => RSA.Create(2048));

    /// <summary>The shared 2048-bit RSA key pair (do not dispose).</summary>
    public static RSA Rsa => s_rsa.Value;

    /// <summary>A second, unrelated 2048-bit RSA key pair (do not dispose).</summary>
    public static RSA OtherRsa => s_otherRsa.Value;

    public static ECCurve CurveFor(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => ECCurve.NamedCurves.nistP256,
        JwtAlgorithm.ES384 => ECCurve.NamedCurves.nistP384,
        JwtAlgorithm.ES512 => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>A signing key for <paramref name="algorithm"/>: a 64-byte secret, the shared RSA key, or a fresh EC key.</summary>
    public static JwtKey For(JwtAlgorithm algorithm, string? keyId = null)
    {
        switch (JwtAlgorithms.GetFamily(algorithm))
        {
            case JwtAlgorithmFamily.Hmac:
                return JwtKey.FromSecret(algorithm, Secret64, keyId);
            case JwtAlgorithmFamily.Ecdsa:
                using (ECDsa ecdsa = ECDsa.Create(CurveFor(algorithm)))
                {
                    return JwtKey.FromECDsa(algorithm, ecdsa, keyId);
                }

            default:
                return JwtKey.FromRsa(algorithm, Rsa, keyId);
        }
    }

    /// <summary>A key of the same algorithm but other material than <see cref="For"/> gives.</summary>
    public static JwtKey OtherFor(JwtAlgorithm algorithm)
    {
        switch (JwtAlgorithms.GetFamily(algorithm))
        {
            case JwtAlgorithmFamily.Hmac:
                return JwtKey.FromSecret(algorithm, Secret64.ToUpperInvariant());
            case JwtAlgorithmFamily.Ecdsa:
                using (ECDsa ecdsa = ECDsa.Create(CurveFor(algorithm)))
                {
                    return JwtKey.FromECDsa(algorithm, ecdsa);
                }

            default:
                return JwtKey.FromRsa(algorithm, OtherRsa);
        }
    }

    public static JwtKey Hs256 => JwtKey.FromSecret(JwtAlgorithm.HS256, Secret64);

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
