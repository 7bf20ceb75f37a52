using System;
using System.Numerics;
using System.Security.Cryptography;
using System.Threading;

namespace MiniJwt;

/// <summary>An HMAC secret bound to HS256, HS384 or HS512. Create it with <see cref="JwtKey.FromSecret(JwtAlgorithm, string, string?, bool)"/>.</summary>
/// <remarks>Keyed HMAC states are pooled per key and reused, which is safe under concurrency (no state is shared between threads at once).</remarks>
internal sealed class HmacKey : JwtKey
{
    private readonly byte[] _secret;
    private readonly HashAlgorithmName _hash;
    private readonly IncrementalHash?[] _pool;

    internal HmacKey(JwtAlgorithm algorithm, ReadOnlySpan<byte> secret, string? keyId, bool allowWeakKey)
        : base(algorithm, keyId, CheckAlgorithm(algorithm))
    {
        if (secret.IsEmpty)
        {
            ThrowHelper.ThrowArgument("The HMAC secret is empty.", nameof(secret));
        }

        string? seen = KeyMaterialSniffer.Describe(secret);
        if (seen is not null)
        {
            ThrowHelper.ThrowArgument(
                "The HMAC secret looks like a public or private key: it is " + seen + ". Asymmetric keys are never used as HMAC secrets; "
                + "use JwtKey.FromPem with an RS*, PS* or ES* algorithm instead.",
                nameof(secret));
        }

        int minimum = JwtAlgorithms.GetHashSize(algorithm);
        if (secret.Length < minimum && !allowWeakKey)
        {
            ThrowHelper.ThrowArgument(
                "The HMAC secret is " + secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes long, below the "
                + minimum.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes " + JwtAlgorithms.GetName(algorithm)
                + " needs (RFC 7518 §3.2). Use a longer random secret, or pass allowWeakKey: true only to interoperate with an existing deployment.",
                nameof(secret));
        }

        _secret = secret.ToArray();
        _hash = JwtAlgorithms.GetHashAlgorithm(algorithm);
        _pool = new IncrementalHash?[BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(Environment.ProcessorCount * 2, 4, 64))];
    }

    /// <inheritdoc/>
    /// <remarks>A secret read from a JWK whose <c>key_ops</c> leave out <c>sign</c> keeps its material but does not sign.</remarks>
    public override bool CanSign => !JwkForbidsSign;

    /// <inheritdoc/>
    public override int KeySizeInBits => _secret.Length * 8;

    /// <inheritdoc/>
    public override JwtKey ToPublicKey() => this;

    /// <inheritdoc/>
    public override bool PublicKeyEquals(JwtKey? other) =>
        other is HmacKey hmac && hmac.Algorithm == Algorithm && ConstantTime.Equals(hmac._secret, _secret);

    internal override int Sign(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        // Checked before renting: a state that failed to give its hash still holds the input and must never go back to the pool.
        if (destination.Length < SignatureSize)
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        IncrementalHash hmac = Rent();
        hmac.AppendData(input);
        if (!hmac.TryGetHashAndReset(destination, out int written) || written != SignatureSize)
        {
            hmac.Dispose();
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        Return(hmac);
        return written;
    }

    internal override bool Verify(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        Span<byte> mac = stackalloc byte[SignatureSize];
        int written = Sign(input, mac);
        bool ok = ConstantTime.Equals(mac.Slice(0, written), signature);
        CryptographicOperations.ZeroMemory(mac);
        return ok;
    }

    private static int CheckAlgorithm(JwtAlgorithm algorithm)
    {
        if (JwtAlgorithms.GetFamily(algorithm) != JwtAlgorithmFamily.Hmac)
        {
            ThrowHelper.ThrowArgument(JwtAlgorithms.GetName(algorithm) + " does not use an HMAC secret.", nameof(algorithm));
        }

        return JwtAlgorithms.GetHashSize(algorithm);
    }

    private IncrementalHash Rent()
    {
        // The pool's length is a power of two, so a mask picks the slot; a thread starts at its own.
        IncrementalHash?[] pool = _pool;
        int start = Environment.CurrentManagedThreadId;
        for (int i = 0; i < pool.Length; i++)
        {
            IncrementalHash? hmac = Interlocked.Exchange(ref pool[(start + i) & (pool.Length - 1)], null);
            if (hmac is not null)
            {
                return hmac;
            }
        }

        return IncrementalHash.CreateHMAC(_hash, _secret);
    }

    private void Return(IncrementalHash hmac)
    {
        IncrementalHash?[] pool = _pool;
        int start = Environment.CurrentManagedThreadId;
        for (int i = 0; i < pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref pool[(start + i) & (pool.Length - 1)], hmac, null) is null)
            {
                return;
            }
        }

        hmac.Dispose();
    }

    /// <summary>The secret, for the JWK writer.</summary>
    internal ReadOnlySpan<byte> SecretBytes => _secret;
}
