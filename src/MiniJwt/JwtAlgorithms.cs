using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>Names, families and sizes of the <see cref="JwtAlgorithm"/> values.</summary>
internal static class JwtAlgorithms
{
    private static readonly string[] s_names =
    [
        string.Empty, "HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
        "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    ];

    /// <summary>Every algorithm MiniJwt implements, in declaration order.</summary>
    public static ReadOnlySpan<JwtAlgorithm> All =>
    [
        JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
        JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
        JwtAlgorithm.PS256, JwtAlgorithm.PS384, JwtAlgorithm.PS512,
        JwtAlgorithm.ES256, JwtAlgorithm.ES384, JwtAlgorithm.ES512,
    ];

    /// <summary>Returns the registered name of <paramref name="algorithm"/>, as written in the <c>alg</c> header.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The name, such as <c>HS256</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static string GetName(JwtAlgorithm algorithm)
    {
        CheckDefined(algorithm);
        return s_names[(int)algorithm];
    }

    /// <summary>Parses a registered algorithm name: exact and case-sensitive (<c>hs256</c> is not <c>HS256</c>).</summary>
    /// <param name="name">The name, such as <c>RS256</c>.</param>
    /// <param name="algorithm">The algorithm when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names an algorithm MiniJwt implements.</returns>
    public static bool TryParse([NotNullWhen(true)] string? name, out JwtAlgorithm algorithm)
    {
        algorithm = default;
        return name is not null && TryParse(name.AsSpan(), out algorithm);
    }

    /// <summary>Parses a registered algorithm name: exact and case-sensitive.</summary>
    /// <param name="name">The name, such as <c>RS256</c>.</param>
    /// <param name="algorithm">The algorithm when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names an algorithm MiniJwt implements.</returns>
    public static bool TryParse(ReadOnlySpan<char> name, out JwtAlgorithm algorithm)
    {
        for (int i = 1; i < s_names.Length; i++)
        {
            if (name.SequenceEqual(s_names[i]))
            {
                algorithm = (JwtAlgorithm)i;
                return true;
            }
        }

        algorithm = default;
        return false;
    }

    /// <summary>Parses a registered algorithm name given as UTF-8 bytes: exact and case-sensitive.</summary>
    /// <param name="utf8Name">The name, as UTF-8 bytes.</param>
    /// <param name="algorithm">The algorithm when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="utf8Name"/> names an algorithm MiniJwt implements.</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Name, out JwtAlgorithm algorithm)
    {
        algorithm = default;
        if (utf8Name.Length != 5)
        {
            return false;
        }

        int hashIndex;
        if (utf8Name[2] == (byte)'2' && utf8Name[3] == (byte)'5' && utf8Name[4] == (byte)'6')
        {
            hashIndex = 0;
        }
        else if (utf8Name[2] == (byte)'3' && utf8Name[3] == (byte)'8' && utf8Name[4] == (byte)'4')
        {
            hashIndex = 1;
        }
        else if (utf8Name[2] == (byte)'5' && utf8Name[3] == (byte)'1' && utf8Name[4] == (byte)'2')
        {
            hashIndex = 2;
        }
        else
        {
            return false;
        }

        int familyBase;
        switch ((utf8Name[0], utf8Name[1]))
        {
            case ((byte)'H', (byte)'S'): familyBase = 1; break;
            case ((byte)'R', (byte)'S'): familyBase = 4; break;
            case ((byte)'P', (byte)'S'): familyBase = 7; break;
            case ((byte)'E', (byte)'S'): familyBase = 10; break;
            default: return false;
        }

        algorithm = (JwtAlgorithm)(familyBase + hashIndex);
        return true;
    }

    /// <summary>Returns the key family <paramref name="algorithm"/> belongs to.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>Its family.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static JwtAlgorithmFamily GetFamily(JwtAlgorithm algorithm)
    {
        CheckDefined(algorithm);
        return (JwtAlgorithmFamily)((((int)algorithm) - 1) / 3 + 1);
    }

    /// <summary>Returns the hash function <paramref name="algorithm"/> uses.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>SHA-256, SHA-384 or SHA-512.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static HashAlgorithmName GetHashAlgorithm(JwtAlgorithm algorithm)
    {
        CheckDefined(algorithm);
        return ((((int)algorithm) - 1) % 3) switch
        {
            0 => HashAlgorithmName.SHA256,
            1 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
    }

    /// <summary>Returns the size in bytes of the hash <paramref name="algorithm"/> uses (32, 48 or 64).</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns>The hash size in bytes, which is also the minimum HMAC secret length (RFC 7518 §3.2).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static int GetHashSize(JwtAlgorithm algorithm)
    {
        CheckDefined(algorithm);
        return ((((int)algorithm) - 1) % 3) switch
        {
            0 => 32,
            1 => 48,
            _ => 64,
        };
    }

    internal static bool IsDefined(JwtAlgorithm algorithm) => unchecked((uint)(algorithm - 1)) < 12u;

    internal static void CheckDefined(JwtAlgorithm algorithm)
    {
        if (!IsDefined(algorithm))
        {
            ThrowHelper.ThrowUndefinedAlgorithm(algorithm);
        }
    }
}
