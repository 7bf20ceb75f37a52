using System;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>An EC key bound to ES256 (P-256), ES384 (P-384) or ES512 (P-521). Create it with <see cref="JwtKey.FromPem(JwtAlgorithm, string, string?, bool)"/> or <see cref="JwtKey.FromECDsa(JwtAlgorithm, ECDsa, string?)"/>.</summary>
/// <remarks>Signatures are the raw R‖S form of RFC 7518 §3.4 (IEEE P1363), never DER.</remarks>
public sealed class EcKey : JwtKey
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
