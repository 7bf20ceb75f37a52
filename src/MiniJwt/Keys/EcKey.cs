using System;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>An EC key bound to ES256 (P-256), ES384 (P-384) or ES512 (P-521). Create it with <see cref="JwtKey.FromPem(JwtAlgorithm, string, string?, bool)"/> or <see cref="JwtKey.FromECDsa(JwtAlgorithm, ECDsa, string?)"/>.</summary>
/// <remarks>Signatures are the raw R‖S form of RFC 7518 §3.4 (IEEE P1363), never DER.</remarks>
internal sealed class EcKey : JwtKey
{
    private readonly ECDsa _ecdsa;
    private readonly bool _isPrivate;
    private readonly HashAlgorithmName _hash;

    internal EcKey(JwtAlgorithm algorithm, ECDsa ecdsa, bool isPrivate, string? keyId, string paramName)
        : base(algorithm, keyId, CheckCurve(algorithm, ecdsa, paramName))
    {
        _ecdsa = ecdsa;
        _isPrivate = isPrivate;
        _hash = JwtAlgorithms.GetHashAlgorithm(algorithm);
    }

    /// <inheritdoc/>
    public override bool CanSign => _isPrivate;

    /// <inheritdoc/>
    public override int KeySizeInBits => _ecdsa.KeySize;

    /// <inheritdoc/>
    public override JwtKey ToPublicKey()
    {
        if (!_isPrivate)
        {
            return this;
        }

        ECDsa copy = ECDsa.Create();
        copy.ImportParameters(_ecdsa.ExportParameters(includePrivateParameters: false));
        return new EcKey(Algorithm, copy, isPrivate: false, KeyId, "key");
    }

    /// <inheritdoc/>
    public override bool PublicKeyEquals(JwtKey? other)
    {
        if (other is not EcKey ec || ec.Algorithm != Algorithm)
        {
            return false;
        }

        ECParameters a = _ecdsa.ExportParameters(false), b = ec._ecdsa.ExportParameters(false);
        return a.Q.X.AsSpan().SequenceEqual(b.Q.X) && a.Q.Y.AsSpan().SequenceEqual(b.Q.Y);
    }

    internal override int Sign(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        if (!_isPrivate)
        {
            ThrowHelper.ThrowCannotSign();
        }

        if (!_ecdsa.TrySignData(input, destination, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out int written))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        NormalizeToLowS(Algorithm, destination.Slice(0, written));
        return written;
    }

    internal override bool Verify(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        try
        {
            return _ecdsa.VerifyData(input, signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Rewrites an R‖S signature so that s ≤ n/2 (n the curve order): (r, s) and (r, n − s) both verify, so MiniJwt always
    /// writes the low one and every token it signs has one spelling. Verification still accepts both, as other libraries write either.
    /// </summary>
    internal static void NormalizeToLowS(JwtAlgorithm algorithm, Span<byte> signature)
    {
        ReadOnlySpan<byte> order = Order(algorithm);
        if (signature.Length != 2 * order.Length)
        {
            return;
        }

        Span<byte> s = signature.Slice(order.Length);
        if (!IsAboveHalf(s, order))
        {
            return;
        }

        // s ← n − s, big-endian with borrow; 0 < s < n, so the result is in (0, n/2).
        int borrow = 0;
        for (int i = s.Length - 1; i >= 0; i--)
        {
            int difference = order[i] - s[i] - borrow;
            borrow = difference < 0 ? 1 : 0;
            s[i] = (byte)(difference + (borrow << 8));
        }
    }

    // s > ⌊n/2⌋, i.e. 2s > n (n is odd): compares s with n shifted right by one bit, byte by byte from the top.
    private static bool IsAboveHalf(ReadOnlySpan<byte> s, ReadOnlySpan<byte> order)
    {
        for (int i = 0; i < s.Length; i++)
        {
            int half = (order[i] >> 1) | (i > 0 ? (order[i - 1] & 1) << 7 : 0);
            if (s[i] != half)
            {
                return s[i] > half;
            }
        }

        return false;
    }

    /// <summary>The order n of the algorithm's curve, big-endian, as long as one coordinate (32, 48 or 66 bytes); from FIPS 186-5 / SEC 2.</summary>
    internal static ReadOnlySpan<byte> Order(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 =>
        [
            0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
        ],
        JwtAlgorithm.ES384 =>
        [
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xC7, 0x63, 0x4D, 0x81, 0xF4, 0x37, 0x2D, 0xDF,
            0x58, 0x1A, 0x0D, 0xB2, 0x48, 0xB0, 0xA7, 0x7A, 0xEC, 0xEC, 0x19, 0x6A, 0xCC, 0xC5, 0x29, 0x73,
        ],
        _ =>
        [
            0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            0xFF, 0xFA, 0x51, 0x86, 0x87, 0x83, 0xBF, 0x2F, 0x96, 0x6B, 0x7F, 0xCC, 0x01, 0x48, 0xF7, 0x09,
            0xA5, 0xD0, 0x3B, 0xB5, 0xC9, 0xB8, 0x89, 0x9C, 0x47, 0xAE, 0xBB, 0x6F, 0xB7, 0x1E, 0x91, 0x38,
            0x64, 0x09,
        ],
    };

    private static int CheckCurve(JwtAlgorithm algorithm, ECDsa ecdsa, string paramName)
    {
        (string oid, string name, int bits) = algorithm switch
        {
            JwtAlgorithm.ES256 => ("1.2.840.10045.3.1.7", "P-256", 256),
            JwtAlgorithm.ES384 => ("1.3.132.0.34", "P-384", 384),
            _ => ("1.3.132.0.35", "P-521", 521),
        };

        ECCurve curve;
        try
        {
            curve = ecdsa.ExportParameters(false).Curve;
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new ArgumentException("The EC key could not be read: " + e.Message, paramName, e);
        }

        bool matches = curve.IsNamed && ecdsa.KeySize == bits
            && (curve.Oid.Value == oid || curve.Oid.FriendlyName is "nistP256" or "nistP384" or "nistP521" or "secp256r1" or "secp384r1" or "secp521r1"
                && ecdsa.KeySize == bits);
        if (!matches)
        {
            ecdsa.Dispose();
            ThrowHelper.ThrowArgument(
                "The EC key's curve does not match " + JwtAlgorithms.GetName(algorithm) + ", which needs " + name + ".", paramName);
        }

        return ((bits + 7) / 8) * 2;
    }

    /// <summary>The key object, for the JWK writer.</summary>
    internal ECDsa ECDsa => _ecdsa;
}
