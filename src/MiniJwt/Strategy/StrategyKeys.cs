using System;
using System.Security.Cryptography;

namespace MiniJwt.Strategy;

/// <summary>
/// Builds a strategy's signing and verification keys once, from fastapi-users' <c>secret</c> and <c>public_key</c>,
/// through the public key API only, and turns every configuration mistake into an <see cref="ArgumentException"/>
/// that names the argument and says what to do.
/// </summary>
internal static class StrategyKeys
{
    public static (JwtKey Encode, JwtKey Decode) Create(JwtAlgorithm algorithm, Secret secret, Secret? publicKey, bool allowWeakKey)
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

            // The likeliest mix-up, a key pair's PEM given with the default HS256, gets the strategy's own advice; the
            // key API refuses it (and every other spelling of a public or private key) anyway.
            if (PemEncoding.TryFind(value, out _))
            {
                ThrowHelper.ThrowArgument(
                    "The secret is a PEM key, but " + name + " signs with a shared secret. "
                    + "For a key pair, set algorithm to its algorithm (such as \"RS256\" or \"ES256\"), pass the private key PEM as secret and the public key PEM as publicKey.",
                    nameof(secret));
            }

            // The key API names its argument 'secret', as the strategy does: its explanation stands as it is.
            JwtKey hmac = JwtKey.FromSecret(algorithm, value, allowWeakKey: allowWeakKey);
            return (hmac, hmac);
        }

        JwtKey signing = FromPem(algorithm, secret, nameof(secret), "The secret must be the private key of " + name + " in PEM", allowWeakKey);
        if (!signing.CanSign)
        {
            ThrowHelper.ThrowArgument(
                "The secret holds a public key, but the secret signs the tokens: pass the private key PEM as secret"
                + (hasPublicKey ? " (were secret and publicKey swapped?)." : " and, optionally, its public key as publicKey."),
                nameof(secret));
        }

        if (!hasPublicKey)
        {
            return (signing, signing.ToPublicKey());
        }

        JwtKey verifying = FromPem(algorithm, publicKey!, nameof(publicKey), "publicKey must be the public key of " + name + " in PEM", allowWeakKey);
        if (!signing.PublicKeyEquals(verifying))
        {
            ThrowHelper.ThrowArgument(
                "publicKey does not belong to the private key given as secret, so this strategy could not read its own tokens. "
                + "Pass the public key of that private key, or leave publicKey out to derive it from the secret.",
                nameof(publicKey));
        }

        return (signing, verifying.ToPublicKey());
    }

    // The key API names its argument 'pem'; the strategy's is 'secret' or 'publicKey'. The key's explanation is kept
    // whole (its own parameter named at its end) and the original exception is the inner one.
    private static JwtKey FromPem(JwtAlgorithm algorithm, Secret pem, string paramName, string what, bool allowWeakKey)
    {
        try
        {
            return JwtKey.FromPem(algorithm, pem.GetSecretValue(), allowWeakKey: allowWeakKey);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(what + ": " + e.Message, paramName, e);
        }
    }
}
