using System;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>
/// A signing or verification key bound to exactly one <see cref="JwtAlgorithm"/> (and so to one family):
/// an HMAC secret never verifies an RSA token and an RSA key never becomes an HMAC secret.
/// </summary>
/// <remarks>
/// <para>Keys are checked when they are made (length, curve, format), immutable, and safe to share between
/// threads. Their <see cref="ToString"/> never shows key material.</para>
/// <para>Create them with <see cref="FromSecret(JwtAlgorithm, string, string?, bool)"/>,
/// <see cref="FromPem(JwtAlgorithm, string, string?, bool)"/>, <see cref="FromRsa(JwtAlgorithm, RSA, string?, bool)"/>
/// or <see cref="FromECDsa(JwtAlgorithm, ECDsa, string?)"/>.</para>
/// </remarks>
public abstract class JwtKey
{
    private protected JwtKey(JwtAlgorithm algorithm, string? keyId, int signatureSize)
    {
        Algorithm = algorithm;
        KeyId = keyId;
        SignatureSize = signatureSize;
        Utf16Text.CheckWellFormed(keyId, "The key identifier", nameof(keyId));
    }

    /// <summary>The one algorithm this key signs and verifies.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The family of <see cref="Algorithm"/>.</summary>
    internal JwtAlgorithmFamily Family => JwtAlgorithms.GetFamily(Algorithm);

    /// <summary>The key identifier written to the <c>kid</c> header when signing, or <see langword="null"/>.</summary>
    public string? KeyId { get; }

    /// <summary><see langword="true"/> when the key can sign (an HMAC secret, or a private RSA/EC key).</summary>
    public abstract bool CanSign { get; }

    /// <summary>The exact size in bytes of this key's signatures.</summary>
    public int SignatureSize { get; }

    /// <summary>The key size in bits (the HMAC secret length × 8, the RSA modulus or the EC curve size).</summary>
    public abstract int KeySizeInBits { get; }

    /// <summary>Describes the key without its material, such as <c>HmacKey(HS256, 256 bits, private, kid=k1)</c>.</summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        GetType().Name + "(" + JwtAlgorithms.GetName(Algorithm) + ", " + KeySizeInBits.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bits"
        + (CanSign ? ", private" : ", public") + (KeyId is null ? ")" : ", kid=" + KeyId + ")");

    /// <summary>Creates an HMAC key from a secret given as a string; its bytes are the string's UTF-8 encoding.</summary>
    /// <param name="algorithm">HS256, HS384 or HS512.</param>
    /// <param name="secret">The shared secret.</param>
    /// <param name="keyId">The <c>kid</c> to write when signing, or <see langword="null"/>.</param>
    /// <param name="allowWeakKey">
    /// <see langword="true"/> to accept a secret shorter than the hash (32, 48 or 64 bytes, RFC 7518 §3.2).
    /// Only to interoperate with an existing deployment whose secret cannot change.
    /// </param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The algorithm is not HMAC, the secret is empty, too short, or looks like a public/private key (PEM, SSH, JWK), or <paramref name="keyId"/> holds an unpaired surrogate.</exception>
    public static JwtKey FromSecret(JwtAlgorithm algorithm, string secret, string? keyId = null, bool allowWeakKey = false)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(secret);
        try
        {
            return new HmacKey(algorithm, bytes, keyId, allowWeakKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates an HMAC key from secret bytes.</summary>
    /// <param name="algorithm">HS256, HS384 or HS512.</param>
    /// <param name="secret">The shared secret; it is copied.</param>
    /// <param name="keyId">The <c>kid</c> to write when signing, or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept a secret shorter than the hash (RFC 7518 §3.2).</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The algorithm is not HMAC, the secret is empty, too short, or looks like a public/private key (PEM, SSH, JWK), or <paramref name="keyId"/> holds an unpaired surrogate.</exception>
    public static JwtKey FromSecret(JwtAlgorithm algorithm, ReadOnlySpan<byte> secret, string? keyId = null, bool allowWeakKey = false) =>
        new HmacKey(algorithm, secret, keyId, allowWeakKey);

    /// <summary>
    /// Creates an RSA or EC key from PEM text: PKCS#1 (<c>RSA PRIVATE KEY</c>, <c>RSA PUBLIC KEY</c>), PKCS#8
    /// (<c>PRIVATE KEY</c>), SPKI (<c>PUBLIC KEY</c>) or SEC1 (<c>EC PRIVATE KEY</c>). A private key also verifies,
    /// with the public key derived from it.
    /// </summary>
    /// <param name="algorithm">An RS*, PS* or ES* algorithm.</param>
    /// <param name="pem">The PEM text of one key: at most 65,536 characters (64 KiB) and 16 <c>-----BEGIN</c> lines, so that reading it stays linear.</param>
    /// <param name="keyId">The <c>kid</c> to write when signing, or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept an RSA key under 2048 bits.</param>
    /// <returns>The key; it can sign when the PEM holds a private key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The algorithm is HMAC, the PEM text is longer than 64 KiB or has more than 16 begin lines, holds no usable key, an encrypted key or a certificate,
    /// the key is of another family, too small (even with <paramref name="allowWeakKey"/>, too small to sign with the algorithm at all), has an even public exponent,
    /// one below 3 or one of 2^32 or more, or is on another curve, or <paramref name="keyId"/> holds an unpaired surrogate.</exception>
    public static JwtKey FromPem(JwtAlgorithm algorithm, string pem, string? keyId = null, bool allowWeakKey = false)
    {
        ArgumentNullException.ThrowIfNull(pem);
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        bool isPrivate = PemKeyReader.CheckLabel(pem, family, nameof(pem));
        if (family == JwtAlgorithmFamily.Ecdsa)
        {
            ECDsa ecdsa = ECDsa.Create();
            PemKeyReader.Import(ecdsa, pem, algorithm, nameof(pem));
            return new EcKey(algorithm, ecdsa, isPrivate, keyId, nameof(pem));
        }

        RSA rsa = RSA.Create();
        PemKeyReader.Import(rsa, pem, algorithm, nameof(pem));
        return new RsaKey(algorithm, rsa, isPrivate, keyId, allowWeakKey, nameof(pem));
    }

    /// <summary>Creates an RSA key (RS* or PS*) from an <see cref="RSA"/> object, whose parameters are copied.</summary>
    /// <param name="algorithm">An RS* or PS* algorithm.</param>
    /// <param name="rsa">The key; MiniJwt keeps a copy, so the caller may dispose it.</param>
    /// <param name="keyId">The <c>kid</c> to write when signing, or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept a key under 2048 bits.</param>
    /// <returns>The key; it can sign when <paramref name="rsa"/> holds the private key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rsa"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The algorithm is not RS* or PS*, the key is under 2048 bits (or, even with <paramref name="allowWeakKey"/>, too small to sign
    /// with the algorithm at all: RS512 needs 752 bits, PS512 1034), its public exponent is even, below 3 or 2^32 or more, or <paramref name="keyId"/> holds an unpaired surrogate.</exception>
    public static JwtKey FromRsa(JwtAlgorithm algorithm, RSA rsa, string? keyId = null, bool allowWeakKey = false)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        JwtAlgorithmFamily family = JwtAlgorithms.GetFamily(algorithm);
        if (family is not (JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss))
        {
            ThrowHelper.ThrowArgument(JwtAlgorithms.GetName(algorithm) + " does not use an RSA key.", nameof(algorithm));
        }

        RSAParameters parameters;
        bool isPrivate;
        try
        {
            parameters = rsa.ExportParameters(includePrivateParameters: true);
            isPrivate = true;
        }
        catch (CryptographicException)
        {
            parameters = rsa.ExportParameters(includePrivateParameters: false);
            isPrivate = false;
        }

        RSA copy = RSA.Create();
        try
        {
            copy.ImportParameters(parameters);
        }
        finally
        {
            ClearPrivate(parameters);
        }

        return new RsaKey(algorithm, copy, isPrivate, keyId, allowWeakKey, nameof(rsa));
    }

    /// <summary>Creates an EC key (ES*) from an <see cref="ECDsa"/> object, whose parameters are copied.</summary>
    /// <param name="algorithm">ES256 (P-256), ES384 (P-384) or ES512 (P-521).</param>
    /// <param name="ecdsa">The key; MiniJwt keeps a copy, so the caller may dispose it.</param>
    /// <param name="keyId">The <c>kid</c> to write when signing, or <see langword="null"/>.</param>
    /// <returns>The key; it can sign when <paramref name="ecdsa"/> holds the private key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ecdsa"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The algorithm is not ES*, or the key's curve is not the algorithm's, or <paramref name="keyId"/> holds an unpaired surrogate.</exception>
    public static JwtKey FromECDsa(JwtAlgorithm algorithm, ECDsa ecdsa, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(ecdsa);
        if (JwtAlgorithms.GetFamily(algorithm) != JwtAlgorithmFamily.Ecdsa)
        {
            ThrowHelper.ThrowArgument(JwtAlgorithms.GetName(algorithm) + " does not use an EC key.", nameof(algorithm));
        }

        ECParameters parameters;
        bool isPrivate;
        try
        {
            parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            isPrivate = parameters.D is not null;
        }
        catch (CryptographicException)
        {
            parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            isPrivate = false;
        }

        ECDsa copy = ECDsa.Create();
        try
        {
            copy.ImportParameters(parameters);
        }
        catch (CryptographicException e)
        {
            copy.Dispose();
            throw new ArgumentException("The EC key could not be imported: " + e.Message, nameof(ecdsa), e);
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }

        return new EcKey(algorithm, copy, isPrivate, keyId, nameof(ecdsa));
    }

    /// <summary>Returns a key that only verifies: the public half of this key (an HMAC key returns itself).</summary>
    /// <returns>A verification key for the same algorithm and <see cref="KeyId"/>.</returns>
    public abstract JwtKey ToPublicKey();

    /// <summary>Tells whether <paramref name="other"/> has the same algorithm and the same public key (or HMAC secret).</summary>
    /// <param name="other">Another key.</param>
    /// <returns><see langword="true"/> when a signature of one verifies with the other.</returns>
    public abstract bool PublicKeyEquals(JwtKey? other);

    /// <summary>
    /// The Base64Url header <c>{"alg":…,"kid":…,"typ":"JWT"}</c> of this key, filled on first use by the JWS level
    /// (a benign race: every thread writes the same bytes), so that signing and the fast header check cost one field load.
    /// </summary>
    [SuppressMessage("Design", "CA1051:Do not declare visible instance fields", Justification = "A cache slot the JWS level fills; a field keeps the hot path one load.")]
    internal byte[]? EncodedJwtHeader;

    /// <summary>The Base64Url header <c>{"alg":…,"kid":…}</c> (no <c>typ</c>), filled on first use like <see cref="EncodedJwtHeader"/>.</summary>
    [SuppressMessage("Design", "CA1051:Do not declare visible instance fields", Justification = "A cache slot the JWS level fills; a field keeps the hot path one load.")]
    internal byte[]? EncodedBareHeader;

    /// <summary>Signs <paramref name="input"/> into <paramref name="destination"/> (at least <see cref="SignatureSize"/> bytes).</summary>
    internal abstract int Sign(ReadOnlySpan<byte> input, Span<byte> destination);

    /// <summary>Verifies; <paramref name="signature"/> has <see cref="SignatureSize"/> bytes already. Never throws for bad data.</summary>
    internal abstract bool Verify(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature);

    internal static void ClearPrivate(RSAParameters parameters)
    {
        if (parameters.D is not null)
        {
            CryptographicOperations.ZeroMemory(parameters.D);
            CryptographicOperations.ZeroMemory(parameters.P);
            CryptographicOperations.ZeroMemory(parameters.Q);
            CryptographicOperations.ZeroMemory(parameters.DP);
            CryptographicOperations.ZeroMemory(parameters.DQ);
            CryptographicOperations.ZeroMemory(parameters.InverseQ);
        }
    }
}
