using System;
using System.Security.Cryptography;

namespace MiniJwt.Strategy;

/// <summary>
/// Builds a strategy's signing and verification keys once, from fastapi-users' <c>secret</c> and <c>public_key</c>
/// (PEM, or a JWK), its <c>kid</c> and its further verification keys, through the public key API only, and turns every
/// configuration mistake into an <see cref="ArgumentException"/> that names the argument and says what to do.
/// </summary>
internal static class StrategyKeys
{
    public static (JwtKey Encode, JwtKey Decode) Create(JwtAlgorithm algorithm, Secret secret, Secret? publicKey, string? keyId, bool allowWeakKey)
    {
        string name = algorithm.ToString();

        // fastapi-users decodes with `public_key or secret`: an empty public key counts as none.
        bool hasPublicKey = publicKey is { IsEmpty: false };
        if (algorithm is JwtAlgorithm.HS256 or JwtAlgorithm.HS384 or JwtAlgorithm.HS512)
        {
            if (hasPublicKey)
            {
                ThrowHelper.ThrowArgument(
                    "publicKey is for RS*, PS* and ES* algorithms: with " + name + " the secret both signs and verifies. "
                    + "Remove publicKey, or set algorithm to the one of your key pair (such as \"RS256\" or \"ES256\").",
                    nameof(publicKey));
            }

            string value = secret.GetSecretValue();
            if (IsJwk(value))
            {
                JwtKey jwk = FromJwk(algorithm, value, keyId, allowWeakKey, nameof(secret), "The secret must be a JWK of " + name);
                CheckCanSign(jwk, hasPublicKey);
                if (jwk.JwkForbidsVerify)
                {
                    ThrowHelper.ThrowArgument(
                        "The secret is a JWK whose key_ops leave out 'verify', but an HS* secret both signs and verifies: add \"verify\" to its key_ops, or remove key_ops.",
                        nameof(secret));
                }

                return (jwk, jwk);
            }

            // The likeliest mix-up, a key pair's PEM given with the default HS256, gets the strategy's own advice; the
            // key API refuses it (and every other spelling of a public or private key) anyway.
            if (PemEncoding.TryFind(value, out _))
            {
                ThrowHelper.ThrowArgument(
                    "The secret is a PEM key, but " + name + " signs with a shared secret. "
                    + "For a key pair, set algorithm to its algorithm (such as \"RS256\" or \"ES256\"), pass the private key PEM as secret and the public key PEM as publicKey.",
                    nameof(secret));
            }

            // The key API names its arguments 'secret' and 'keyId', as the strategy does: its explanation stands as it is.
            JwtKey hmac = JwtKey.FromSecret(algorithm, value, keyId, allowWeakKey);
            return (hmac, hmac);
        }

        JwtKey signing = Read(algorithm, secret, keyId, allowWeakKey, nameof(secret), "The secret must be the private key of " + name);
        CheckCanSign(signing, hasPublicKey);
        if (!hasPublicKey)
        {
            return (signing, signing.ToPublicKey());
        }

        JwtKey verifying = Read(algorithm, publicKey!, null, allowWeakKey, nameof(publicKey), "publicKey must be the public key of " + name);
        if (!signing.PublicKeyEquals(verifying))
        {
            ThrowHelper.ThrowArgument(
                "publicKey does not belong to the private key given as secret, so this strategy could not read its own tokens. "
                + "Pass the public key of that private key, or leave publicKey out to derive it from the secret.",
                nameof(publicKey));
        }

        // The same public key, with the signing key's kid (publicKey's own kid, if it is a JWK, must not contradict it).
        if (verifying.KeyId is not null && !string.Equals(verifying.KeyId, signing.KeyId, StringComparison.Ordinal))
        {
            ThrowHelper.ThrowArgument(
                "publicKey is a JWK whose kid differs from the signing key's; the tokens carry the signing key's kid. "
                + "Give both the same kid, or leave the kid out of publicKey.",
                nameof(publicKey));
        }

        return (signing, signing.ToPublicKey());
    }

    /// <summary>
    /// The keys the strategy reads tokens with: <paramref name="decode"/> followed by <paramref name="verificationKeys"/>,
    /// looked up in a live set at each read; or <see langword="null"/> to verify with <paramref name="decode"/> alone as
    /// fastapi-users does (no <c>kid</c> configured, no further key).
    /// </summary>
    public static JwtKeySet? CreateReadSet(JwtKey decode, JwtKeySet? verificationKeys)
    {
        if (verificationKeys is null)
        {
            return decode.KeyId is null ? null : new JwtKeySet(decode);
        }

        if (verificationKeys.IsLive)
        {
            // Looked up at each read: a live set is checked then (a mixed snapshot verifies nothing).
            return JwtKeySet.Combine(decode, verificationKeys);
        }

        foreach (JwtKey key in verificationKeys.Keys)
        {
            if (key.Algorithm == decode.Algorithm && string.Equals(key.KeyId, decode.KeyId, StringComparison.Ordinal) && !key.PublicKeyEquals(decode))
            {
                ThrowHelper.ThrowArgument(
                    "verificationKeys holds another key with the signing key's kid (" + (decode.KeyId ?? "none") + ") and algorithm, so no token could choose between them. "
                    + "Give every key its own kid (such as its JWK thumbprint); the signing key itself may be in the set.",
                    nameof(verificationKeys));
            }
        }

        JwtKeySet combined = JwtKeySet.Combine(decode, verificationKeys);
        if (combined.IsMixedSet)
        {
            ThrowHelper.ThrowArgument(
                decode.Family == JwtAlgorithmFamily.Hmac
                    ? "verificationKeys holds an RSA or EC key, but the strategy signs with a shared secret: a set that mixes secrets with public keys verifies nothing. "
                      + "Give only the previous HS* secrets, or switch the strategy to a key pair."
                    : "verificationKeys holds a shared secret (HS*), or was read from a JWK Set that had one, but the strategy signs with a key pair: "
                      + "a set that mixes secrets with public keys verifies nothing. Give only public keys (RS*, PS*, ES*).",
                nameof(verificationKeys));
        }

        // Its own tokens must choose the signing key: without a kid, no other key may have its algorithm.
        if (!combined.TryFindKey(decode.KeyId, decode.Algorithm, out JwtKey? own, out _) || !ReferenceEquals(own, decode))
        {
            ThrowHelper.ThrowArgument(
                "verificationKeys holds another " + decode.Algorithm + " key, and the signing key has no kid, so the strategy's own tokens could not choose their key. "
                + "Give the signing key a kid (keyId, such as \"2026-11\"), and every verification key its own.",
                "keyId");
        }

        return combined;
    }

    private static void CheckCanSign(JwtKey signing, bool hasPublicKey)
    {
        if (!signing.CanSign)
        {
            ThrowHelper.ThrowArgument(
                "The secret holds a public key (or a JWK whose key_ops leave out 'sign'), but the secret signs the tokens: pass the private key as secret"
                + (hasPublicKey ? " (were secret and publicKey swapped?)." : " and, optionally, its public key as publicKey."),
                "secret");
        }
    }

    // A JWK is a JSON object with "kty"; anything else is a passphrase (HS*) or PEM text (RS*, PS*, ES*).
    private static bool IsJwk(string value) =>
        value.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) && value.Contains("\"kty\"", StringComparison.Ordinal);

    private static JwtKey Read(JwtAlgorithm algorithm, Secret text, string? keyId, bool allowWeakKey, string paramName, string what)
    {
        string value = text.GetSecretValue();
        return IsJwk(value)
            ? FromJwk(algorithm, value, keyId, allowWeakKey, paramName, what + " as a JWK")
            : FromPem(algorithm, value, keyId, allowWeakKey, paramName, what + " in PEM");
    }

    // The key API names its argument 'pem' or 'json'; the strategy's is 'secret' or 'publicKey'. The key's explanation is
    // kept whole (its own parameter named at its end) and the original exception is the inner one.
    private static JwtKey FromPem(JwtAlgorithm algorithm, string pem, string? keyId, bool allowWeakKey, string paramName, string what)
    {
        try
        {
            return JwtKey.FromPem(algorithm, pem, keyId, allowWeakKey);
        }
        catch (ArgumentException e) when (e.ParamName != "keyId")
        {
            throw new ArgumentException(what + ": " + e.Message, paramName, e);
        }
    }

    // A JWK carries its own kid: keyId, when given too, must be the same.
    private static JwtKey FromJwk(JwtAlgorithm algorithm, string json, string? keyId, bool allowWeakKey, string paramName, string what)
    {
        JwtKey key;
        try
        {
            key = JwtKey.FromJwk(json, algorithm, allowWeakKey);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(what + ": " + e.Message, paramName, e);
        }

        if (keyId is not null && !string.Equals(key.KeyId, keyId, StringComparison.Ordinal))
        {
            ThrowHelper.ThrowArgument(
                key.KeyId is null
                    ? "keyId is given, but the " + paramName + " JWK has no kid: put \"kid\":\"" + keyId + "\" in the JWK, or leave keyId out."
                    : "keyId differs from the kid of the " + paramName + " JWK: the JWK's kid names the key; leave keyId out, or give the same value.",
                nameof(keyId));
        }

        return key;
    }
}
