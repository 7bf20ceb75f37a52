using System;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>Reads one RSA or EC key from PEM text and says clearly what is wrong when it cannot.</summary>
internal static class PemKeyReader
{
    /// <summary>Checks the label of the first PEM block; returns whether it holds a private key.</summary>
    public static bool CheckLabel(string pem, JwtAlgorithmFamily family, string paramName)
    {
        if (family == JwtAlgorithmFamily.Hmac)
        {
            ThrowHelper.ThrowArgument("HMAC algorithms take a secret, not a PEM key; use JwtKey.FromSecret.", "algorithm");
        }

        if (!PemEncoding.TryFind(pem, out PemFields fields))
        {
            ThrowHelper.ThrowArgument("No PEM block was found. Expected text such as '-----BEGIN PUBLIC KEY-----'.", paramName);
        }

        ReadOnlySpan<char> label = pem.AsSpan()[fields.Label];
        switch (label)
        {
            case "PRIVATE KEY":
                return true;
            case "PUBLIC KEY":
                return false;
            case "RSA PRIVATE KEY" when family != JwtAlgorithmFamily.Ecdsa:
                return true;
            case "RSA PUBLIC KEY" when family != JwtAlgorithmFamily.Ecdsa:
                return false;
            case "EC PRIVATE KEY" when family == JwtAlgorithmFamily.Ecdsa:
                return true;
            case "ENCRYPTED PRIVATE KEY":
                ThrowHelper.ThrowArgument("Encrypted private keys are not supported; decrypt the key first (PKCS#8 'PRIVATE KEY').", paramName);
                return false;
            case "CERTIFICATE":
                ThrowHelper.ThrowArgument("A certificate is not a key; export its public key as SPKI PEM ('PUBLIC KEY').", paramName);
                return false;
            default:
                ThrowHelper.ThrowArgument(
                    "The PEM block '" + label.ToString() + "' does not hold a key for "
                    + (family == JwtAlgorithmFamily.Ecdsa ? "ECDSA" : "RSA") + ".",
                    paramName);
                return false;
        }
    }

    public static void Import(AsymmetricAlgorithm key, string pem, JwtAlgorithm algorithm, string paramName)
    {
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException(
                "The PEM text does not hold a single valid " + (key is ECDsa ? "EC" : "RSA") + " key for "
                + JwtAlgorithms.GetName(algorithm) + ": " + e.Message,
                paramName,
                e);
        }
    }
}
