using System;

namespace MiniJwt.Strategy;

/// <summary>
/// Builds a strategy's signing and verification keys once, from fastapi-users' <c>secret</c> and <c>public_key</c>,
/// and turns every configuration mistake into an <see cref="ArgumentException"/> that names the argument and says what to do.
/// </summary>
internal static class StrategyKeys
{
    public static (JwtKey Encode, JwtKey Decode) Create(JwtAlgorithm algorithm, Secret secret, Secret? publicKey, bool allowWeakKey)
    {
        string name = JwtAlgorithms.GetName(algorithm);

        // fastapi-users decodes with `public_key or secret`: an empty public key counts as none.
        bool hasPublicKey = publicKey is { IsEmpty: false };
        if (JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.Hmac)
        {
            if (hasPublicKey)
            {
                ThrowHelper.ThrowArgument(
                    "publicKey is for RS*, PS* and ES* algorithms: with " + name + " the secret both signs and verifies. "
                    + "Remove publicKey, or set algorithm to the one of your key pair (such as \"RS256\" or \"ES256\").",
                    nameof(publicKey));
            }

            string value = secret.GetSecretValue();
            if (KeyMaterialSniffer.LooksLikeAsymmetricKey(System.Text.Encoding.UTF8.GetBytes(value)))
            {
                ThrowHelper.ThrowArgument(
                    "The secret is a public or private key (PEM, SSH or JWK text), but " + name + " signs with a shared secret. "
                    + "For a key pair, set algorithm to its algorithm (such as \"RS256\" or \"ES256\"), pass the private key PEM as secret and the public key PEM as publicKey.",
                    nameof(secret));
            }

            HmacKey hmac;
            try
            {
                hmac = JwtKey.Hmac(algorithm, value, allowWeakKey: allowWeakKey);
            }
            catch (ArgumentException e)
            {
                throw Explain(e, nameof(secret), "The secret is refused for " + name + ": ");
            }

            return (hmac, hmac);
        }

        JwtKey signing = FromPem(algorithm, secret, nameof(secret), "The secret must be the private key of " + name + " in PEM: ", allowWeakKey);
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

        JwtKey verifying = FromPem(algorithm, publicKey!, nameof(publicKey), "publicKey must be the public key of " + name + " in PEM: ", allowWeakKey);
        if (!signing.PublicKeyEquals(verifying))
        {
            ThrowHelper.ThrowArgument(
                "publicKey does not belong to the private key given as secret, so this strategy could not read its own tokens. "
                + "Pass the public key of that private key, or leave publicKey out to derive it from the secret.",
                nameof(publicKey));
        }

        return (signing, verifying.ToPublicKey());
    }

    private static JwtKey FromPem(JwtAlgorithm algorithm, Secret pem, string paramName, string prefix, bool allowWeakKey)
    {
        try
        {
            return JwtKey.FromPem(algorithm, pem.GetSecretValue(), allowWeakKey: allowWeakKey);
        }
        catch (ArgumentException e)
        {
            throw Explain(e, paramName, prefix);
        }
    }

    // Re-throws a key error under the strategy's argument name, keeping the core's explanation without its own
    // "(Parameter '…')" suffix.
    private static ArgumentException Explain(ArgumentException e, string paramName, string prefix)
    {
        string message = e.Message;
        if (e.ParamName is not null)
        {
            string suffix = " (Parameter '" + e.ParamName + "')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message.Substring(0, message.Length - suffix.Length);
            }
        }

        return new ArgumentException(prefix + message, paramName, e);
    }
}
