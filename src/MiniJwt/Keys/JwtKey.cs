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

    /// <summary>
    /// Describes the key without its material, such as <c>HmacKey(HS256, 256 bits, private, kid=k1)</c>: <c>private</c> when it
    /// can sign, <c>verify only</c> when its JWK <c>key_ops</c> forbid signing, else <c>public</c>.
    /// </summary>
    /// <returns>A description that is safe to log.</returns>
    public override string ToString() =>
        GetType().Name + "(" + JwtAlgorithms.GetName(Algorithm) + ", " + KeySizeInBits.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bits"
        + (CanSign ? ", private" : JwkForbidsSign ? ", verify only" : ", public") + (KeyId is null ? ")" : ", kid=" + KeyId + ")");

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

    // ---- JSON Web Keys (RFC 7517, RFC 7638): import, export, thumbprint ----

    /// <summary>
    /// Creates a key from a JSON Web Key (RFC 7517): <c>kty</c> <c>RSA</c> (n, e; private: d, p, q, dp, dq, qi),
    /// <c>EC</c> (crv P-256, P-384 or P-521, x, y; private: d) or <c>oct</c> (k). The JWK's <c>kid</c> becomes <see cref="KeyId"/>.
    /// </summary>
    /// <remarks>
    /// <para>The key's algorithm is the JWK's <c>alg</c> when present (it must be a JWS algorithm MiniJwt implements and fit
    /// the key: an ES256 JWK is on P-256), else <paramref name="algorithm"/>; when both are given they must agree.</para>
    /// <para>Strict: one JSON object with unique member names; every value strict Base64Url; RSA integers in their minimal
    /// octets (RFC 7518 §6.3), EC coordinates and <c>d</c> in the curve's full size (§6.2); the EC point on its curve and
    /// <c>d</c> its private key; an RSA private key whole (all of d, p, q, dp, dq, qi) and consistent; the same size and
    /// exponent rules as <see cref="FromPem(JwtAlgorithm, string, string?, bool)"/>. <c>kty</c> <c>OKP</c> is refused
    /// (EdDSA is not supported). Members MiniJwt does not read are ignored.</para>
    /// <para><c>use</c> other than <c>sig</c> is refused. <c>key_ops</c> restricts the key: without <c>sign</c>, a private
    /// JWK is imported as its public key (and an <c>oct</c> key refuses to sign); without <c>verify</c>, the key signs but
    /// verifies nothing (verification reports <see cref="JwtErrorCode.KeyNotFound"/>).</para>
    /// </remarks>
    /// <param name="json">The JWK, one JSON object.</param>
    /// <param name="algorithm">The algorithm to bind the key to when the JWK has no <c>alg</c>; or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept an RSA key under 2048 bits or an HMAC secret shorter than its hash.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JWK is not a usable signature key; the message says why.</exception>
    public static JwtKey FromJwk(string json, JwtAlgorithm? algorithm = null, bool allowWeakKey = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!TryFromJwkCore(json, algorithm, allowWeakKey, out JwtKey? key, out string? error))
        {
            ThrowHelper.ThrowArgument(error, nameof(json));
        }

        return key;
    }

    /// <summary>Creates a key from a JSON Web Key given as UTF-8 bytes; see <see cref="FromJwk(string, JwtAlgorithm?, bool)"/>.</summary>
    /// <param name="utf8Json">The JWK, one JSON object, as UTF-8 bytes.</param>
    /// <param name="algorithm">The algorithm to bind the key to when the JWK has no <c>alg</c>; or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept an RSA key under 2048 bits or an HMAC secret shorter than its hash.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException">The JWK is not a usable signature key; the message says why.</exception>
    public static JwtKey FromJwk(ReadOnlySpan<byte> utf8Json, JwtAlgorithm? algorithm = null, bool allowWeakKey = false)
    {
        if (!JwkReader.TryRead(utf8Json, algorithm, allowWeakKey, out JwtKey? key, out string? error))
        {
            ThrowHelper.ThrowArgument(error, nameof(utf8Json));
        }

        return key;
    }

    /// <summary>Tries to create a key from a JSON Web Key; never throws for bad input. See <see cref="FromJwk(string, JwtAlgorithm?, bool)"/>.</summary>
    /// <param name="json">The JWK, one JSON object.</param>
    /// <param name="algorithm">The algorithm to bind the key to when the JWK has no <c>alg</c>; or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept an RSA key under 2048 bits or an HMAC secret shorter than its hash.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the JWK is a usable signature key.</returns>
    public static bool TryFromJwk([NotNullWhen(true)] string? json, JwtAlgorithm? algorithm, bool allowWeakKey, [NotNullWhen(true)] out JwtKey? key) =>
        TryFromJwkCore(json, algorithm, allowWeakKey, out key, out _);

    /// <summary>Tries to create a key from a JSON Web Key given as UTF-8 bytes; never throws for bad input.</summary>
    /// <param name="utf8Json">The JWK, one JSON object, as UTF-8 bytes.</param>
    /// <param name="algorithm">The algorithm to bind the key to when the JWK has no <c>alg</c>; or <see langword="null"/>.</param>
    /// <param name="allowWeakKey"><see langword="true"/> to accept an RSA key under 2048 bits or an HMAC secret shorter than its hash.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the JWK is a usable signature key.</returns>
    public static bool TryFromJwk(ReadOnlySpan<byte> utf8Json, JwtAlgorithm? algorithm, bool allowWeakKey, [NotNullWhen(true)] out JwtKey? key) =>
        JwkReader.TryRead(utf8Json, algorithm, allowWeakKey, out key, out _);

    /// <summary>
    /// Writes this key as a JSON Web Key: <c>kty</c>, <c>kid</c> (when set), <c>use</c> <c>sig</c>, <c>alg</c> and the public
    /// values; the private values only when <paramref name="includePrivate"/> is <see langword="true"/>.
    /// </summary>
    /// <param name="includePrivate">
    /// <see langword="true"/> to write the private key (d, p, q, dp, dq, qi; or d) of a key that can sign. An HMAC key
    /// has no public form and needs <see langword="true"/>.
    /// </param>
    /// <returns>The JWK, compact JSON.</returns>
    /// <exception cref="InvalidOperationException">The key is an HMAC secret and <paramref name="includePrivate"/> is <see langword="false"/>.</exception>
    public string ToJwk(bool includePrivate = false) => JwkWriter.Write(this, includePrivate);

    /// <summary>
    /// Computes the key's JWK thumbprint (RFC 7638): SHA-256 over its required public JWK members, as Base64Url. It
    /// identifies the key material, whatever its <c>kid</c>, <c>alg</c> or <c>use</c>, and serves well as a <c>kid</c>.
    /// </summary>
    /// <returns>43 Base64Url characters.</returns>
    /// <remarks>The thumbprint of an HMAC key is a hash of its secret: publish it only when the secret has full strength.</remarks>
    public string ComputeJwkThumbprint() => JwkThumbprint.Compute(this);

    /// <summary>Set when the key's JWK <c>key_ops</c> did not list <c>sign</c> (only an HMAC key keeps the material to sign).</summary>
    internal bool JwkForbidsSign { get; private set; }

    /// <summary>Set when the key's JWK <c>key_ops</c> did not list <c>verify</c>: the key verifies no token.</summary>
    internal bool JwkForbidsVerify { get; private set; }

    /// <summary>Records what a JWK's <c>key_ops</c> allow; called once by the reader, before the key is handed out.</summary>
    internal void RestrictJwkOperations(bool canSign, bool canVerify)
    {
        JwkForbidsSign = !canSign;
        JwkForbidsVerify = !canVerify;
    }

    private static bool TryFromJwkCore(string? json, JwtAlgorithm? algorithm, bool allowWeakKey, [NotNullWhen(true)] out JwtKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (json is null)
        {
            error = "The JWK is null.";
            return false;
        }

        byte[] utf8;
        try
        {
            utf8 = s_strictUtf8.GetBytes(json);
        }
        catch (System.Text.EncoderFallbackException)
        {
            error = "The JWK text is not valid UTF-16 (it holds a lone surrogate).";
            return false;
        }

        try
        {
            return JwkReader.TryRead(utf8, algorithm, allowWeakKey, out key, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8);
        }
    }

    private static readonly System.Text.UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
