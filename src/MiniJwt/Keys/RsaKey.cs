using System;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>An RSA key bound to one RS* (PKCS#1 v1.5) or PS* (PSS) algorithm. Create it with <see cref="JwtKey.FromPem(JwtAlgorithm, string, string?, bool)"/> or <see cref="JwtKey.FromRsa(JwtAlgorithm, RSA, string?, bool)"/>.</summary>
public sealed class RsaKey : JwtKey
{
    private readonly RSA _rsa;
    private readonly bool _isPrivate;
    private readonly HashAlgorithmName _hash;
    private readonly RSASignaturePadding _padding;
    private readonly bool _allowWeakKey;

    internal RsaKey(JwtAlgorithm algorithm, RSA rsa, bool isPrivate, string? keyId, bool allowWeakKey, string paramName)
        : base(algorithm, keyId, CheckSize(rsa, allowWeakKey, paramName))
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

    private static int CheckSize(RSA rsa, bool allowWeakKey, string paramName)
    {
        byte[] exponent = rsa.ExportParameters(includePrivateParameters: false).Exponent ?? [];
        ReadOnlySpan<byte> e = exponent.AsSpan().TrimStart((byte)0);
        if (e.IsEmpty || (e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            rsa.Dispose();
            ThrowHelper.ThrowArgument("The RSA public exponent must be odd and at least 3 (65537 is usual).", paramName);
        }

        int bits = rsa.KeySize;
        if (bits < 2048 && !allowWeakKey)
        {
            rsa.Dispose();
            ThrowHelper.ThrowArgument(
                "The RSA key is " + bits.ToString(System.Globalization.CultureInfo.InvariantCulture)
                + " bits long, below the 2048 bits required (RFC 7518 §3.3, NIST SP 800-131A). Use a larger key, or pass allowWeakKey: true only to interoperate with an existing deployment.",
                paramName);
        }

        return (bits + 7) / 8;
    }

    /// <summary>The key object, for the JWK writer.</summary>
    internal RSA Rsa => _rsa;
}
