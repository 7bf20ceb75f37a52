using System;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>An RSA key bound to one RS* (PKCS#1 v1.5) or PS* (PSS) algorithm. Create it with <see cref="JwtKey.FromPem(JwtAlgorithm, string, string?, bool)"/> or <see cref="JwtKey.FromRsa(JwtAlgorithm, RSA, string?, bool)"/>.</summary>
internal sealed class RsaKey : JwtKey
{
    private readonly RSA _rsa;
    private readonly bool _isPrivate;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding _padding;
    private readonly bool _allowWeakKey;

    internal RsaKey(JwtAlgorithm algorithm, RSA rsa, bool isPrivate, string? keyId, bool allowWeakKey, string paramName)
        : base(algorithm, keyId, CheckSize(algorithm, rsa, allowWeakKey, paramName))
    {
        _rsa = rsa;
        _isPrivate = isPrivate;
        _allowWeakKey = allowWeakKey;
        _hash = JwtAlgorithms.GetHashAlgorithm(algorithm);
        _padding = JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.RsaPss ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
    }

    /// <inheritdoc/>
    public override bool CanSign => _isPrivate;

    /// <inheritdoc/>
    public override int KeySizeInBits => _rsa.KeySize;

    /// <inheritdoc/>
    public override JwtKey ToPublicKey()
    {
        if (!_isPrivate)
        {
            return this;
        }

        RSA copy = RSA.Create();
        copy.ImportParameters(_rsa.ExportParameters(includePrivateParameters: false));
        return new RsaKey(Algorithm, copy, isPrivate: false, KeyId, _allowWeakKey, "key");
    }

    /// <inheritdoc/>
    public override bool PublicKeyEquals(JwtKey? other)
    {
        if (other is not RsaKey rsa || rsa.Algorithm != Algorithm)
        {
            return false;
        }

        RSAParameters a = _rsa.ExportParameters(false), b = rsa._rsa.ExportParameters(false);
        return a.Modulus.AsSpan().SequenceEqual(b.Modulus) && a.Exponent.AsSpan().SequenceEqual(b.Exponent);
    }

    internal override int Sign(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (!_isPrivate)
        {
            ThrowHelper.ThrowCannotSign();
        }

        if (!_rsa.TrySignData(input, destination, _hash, _padding, out int written))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return written;
    }

    internal override bool Verify(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        try
        {
            return _rsa.VerifyData(input, signature, _hash, _padding);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks an RSA public exponent (big-endian, leading zeros allowed) wherever a key is made (PEM, RSA object, JWK):
    /// it must be odd, at least 3 and below 2^32. Returns <see langword="null"/> when it is acceptable, else the reason.
    /// </summary>
    internal static string? CheckPublicExponent(ReadOnlySpan<byte> exponent)
    {
        ReadOnlySpan<byte> e = exponent.TrimStart((byte)0);
        if (e.IsEmpty || (e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            return "The RSA public exponent must be odd and at least 3 (65537 is usual).";
        }

        if (e.Length > sizeof(uint))
        {
            return "The RSA public exponent is " + BitLength(e).ToString(CultureInfo.InvariantCulture)
                + " bits long; MiniJwt accepts exponents below 2^32 (65537 is usual), since a larger one only makes every verification dearer.";
        }

        return null;
    }

    /// <summary>
    /// Checks that a modulus of <paramref name="modulusBits"/> bits can sign with <paramref name="algorithm"/> at all, and, unless
    /// <paramref name="allowWeakKey"/>, that it has 2048 bits or more. Returns <see langword="null"/> when it is acceptable, else the reason.
    /// </summary>
    /// <remarks>
    /// PKCS#1 v1.5 (RS*) needs k ≥ tLen + 11 bytes, with tLen the DigestInfo (19 bytes + the hash): 62, 78 and 94 bytes.
    /// PSS (PS*, salt as long as the hash) needs emLen = ⌈(modBits − 1) / 8⌉ ≥ 2·hLen + 2 bytes: 66, 98 and 130 bytes.
    /// </remarks>
    internal static string? CheckModulusSize(JwtAlgorithm algorithm, int modulusBits, bool allowWeakKey)
    {
        int hashSize = JwtAlgorithms.GetHashSize(algorithm);
        bool pss = JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.RsaPss;
        int available = pss ? (modulusBits - 1 + 7) / 8 : (modulusBits + 7) / 8;
        int needed = pss ? (2 * hashSize) + 2 : 19 + hashSize + 11;
        if (available < needed)
        {
            return "The RSA key is " + modulusBits.ToString(CultureInfo.InvariantCulture) + " bits long, too small to sign with "
                + JwtAlgorithms.GetName(algorithm) + " at all (" + (pss ? "PSS" : "PKCS#1 v1.5") + " with " + JwtAlgorithms.GetHashAlgorithm(algorithm).Name
                + " needs " + (pss ? "⌈(bits − 1) / 8⌉" : "⌈bits / 8⌉") + " ≥ " + needed.ToString(CultureInfo.InvariantCulture)
                + " bytes), even with allowWeakKey. Use a key of 2048 bits or more.";
        }

        if (modulusBits < 2048 && !allowWeakKey)
        {
            return "The RSA key is " + modulusBits.ToString(CultureInfo.InvariantCulture)
                + " bits long, below the 2048 bits required (RFC 7518 §3.3, NIST SP 800-131A). Use a larger key, or pass allowWeakKey: true only to interoperate with an existing deployment.";
        }

        return null;
    }

    private static int CheckSize(JwtAlgorithm algorithm, RSA rsa, bool allowWeakKey, string paramName)
    {
        string? problem;
        try
        {
            problem = CheckPublicExponent(rsa.ExportParameters(includePrivateParameters: false).Exponent)
                ?? CheckModulusSize(algorithm, rsa.KeySize, allowWeakKey);
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw new ArgumentException("The RSA key could not be read: " + e.Message, paramName, e);
        }

        if (problem is not null)
        {
            rsa.Dispose();
            ThrowHelper.ThrowArgument(problem, paramName);
        }

        return (rsa.KeySize + 7) / 8;
    }

    private static int BitLength(ReadOnlySpan<byte> trimmed) => ((trimmed.Length - 1) * 8) + (32 - BitOperations.LeadingZeroCount((uint)trimmed[0]));

    /// <summary>The key object, for the JWK writer.</summary>
    internal RSA Rsa => _rsa;
}
