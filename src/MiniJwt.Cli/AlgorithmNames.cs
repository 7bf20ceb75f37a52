using System;
using System.Collections.Generic;

namespace MiniJwt.Cli;

/// <summary>
/// The tool's own strict reading of algorithm names: exactly the JWS names of RFC 7518 (case-sensitive),
/// and the facts about each algorithm the tool needs (its kind of key, hash size, curve).
/// </summary>
internal static class AlgorithmNames
{
    public static IReadOnlyList<JwtAlgorithm> All { get; } =
    [
        JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
        JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
        JwtAlgorithm.PS256, JwtAlgorithm.PS384, JwtAlgorithm.PS512,
        JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512,
    ];

    /// <summary>The names, comma-separated, for messages and help.</summary>
    public static string List { get; } = string.Join(", ", Names());

    public static bool TryParse(string? name, out JwtAlgorithm algorithm)
    {
        foreach (JwtAlgorithm candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                algorithm = candidate;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    public static string Name(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 => "HS256",
        JwtAlgorithm.HS384 => "HS384",
        JwtAlgorithm.HS512 => "HS512",
        JwtAlgorithm.RS256 => "RS256",
        JwtAlgorithm.RS384 => "RS384",
        JwtAlgorithm.RS512 => "RS512",
        JwtAlgorithm.PS256 => "PS256",
        JwtAlgorithm.PS384 => "PS384",
        JwtAlgorithm.PS512 => "PS512",
        JwtAlgorithm.ES256 => "ES256",
        JwtAlgorithm.ES384 => "ES384",
        JwtAlgorithm.ES512 => "ES512",
        _ => "unknown",
    };

    public static KeyKind KindOf(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 or JwtAlgorithm.HS384 or JwtAlgorithm.HS512 => KeyKind.Secret,
        JwtAlgorithm.ES256 or JwtAlgorithm.ES384 or JwtAlgorithm.ES512 => KeyKind.Ec,
        _ => KeyKind.Rsa,
    };

    /// <summary>The hash size in bytes: the HMAC secret size keygen draws.</summary>
    public static int HashBytes(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 or JwtAlgorithm.RS256 or JwtAlgorithm.PS256 or JwtAlgorithm.ES256 => 32,
        JwtAlgorithm.HS384 or JwtAlgorithm.RS384 or JwtAlgorithm.PS384 or JwtAlgorithm.ES384 => 48,
        _ => 64,
    };

    /// <summary>The ES algorithm of an EC key of <paramref name="keySizeInBits"/> (P-256, P-384, P-521).</summary>
    public static JwtAlgorithm? EcAlgorithmForKeySize(int keySizeInBits) => keySizeInBits switch
    {
        256 => JwtAlgorithm.ES256,
        384 => JwtAlgorithm.ES384,
        521 => JwtAlgorithm.ES512,
        _ => null,
    };

    public static IReadOnlyList<JwtAlgorithm> OfKind(KeyKind kind)
    {
        var result = new List<JwtAlgorithm>();
        foreach (JwtAlgorithm algorithm in All)
        {
            if (KindOf(algorithm) == kind)
            {
                result.Add(algorithm);
            }
        }

        return result;
    }

    private static IEnumerable<string> Names()
    {
        foreach (JwtAlgorithm algorithm in All)
        {
            yield return Name(algorithm);
        }
    }
}
