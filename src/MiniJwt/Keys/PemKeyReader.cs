using System;
using System.Globalization;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>Reads one RSA or EC key from PEM text and says clearly what is wrong when it cannot.</summary>
/// <remarks>
/// Key text is capped at <see cref="MaxPemLength"/> characters (64 KiB) and <see cref="MaxPemBlocks"/> <c>-----BEGIN</c> lines,
/// both counted in one linear pass before any PEM parsing, so that finding the blocks stays linear in the text's length
/// (the base library's search looks for an end line after each begin line).
/// </remarks>
internal static class PemKeyReader
{
    /// <summary>The longest PEM text read for one key, in characters: 64 KiB (a 16384-bit RSA private key takes about 13 KiB).</summary>
    internal const int MaxPemLength = 64 * 1024;

    /// <summary>The most <c>-----BEGIN</c> lines read in one key's PEM text (a key, its parameters and a few certificates).</summary>
    internal const int MaxPemBlocks = 16;

    /// <summary>Checks the label of the first PEM block; returns whether it holds a private key.</summary>
    public static bool CheckLabel(string pem, JwtAlgorithmFamily family, string paramName) => CheckLabel(pem, family, paramName, expectPrivate: null);

    /// <summary>Checks the size and the label of the first PEM block; returns whether it holds a private key.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="family">The family of the algorithm the key is for.</param>
    /// <param name="paramName">The argument named in exceptions.</param>
    /// <param name="expectPrivate"><see langword="true"/> when the caller needs a private key (to sign), <see langword="false"/> for a public key,
    /// <see langword="null"/> when either will do; it chooses the example label in the message when no PEM block is found.</param>
    public static bool CheckLabel(string pem, JwtAlgorithmFamily family, string paramName, bool? expectPrivate)
    {
        if (family == JwtAlgorithmFamily.Hmac)
        {
            ThrowHelper.ThrowArgument("HMAC algorithms take a secret, not a PEM key; use JwtKey.FromSecret.", "algorithm");
        }

        CheckSize(pem, paramName);
        if (!PemEncoding.TryFind(pem, out PemFields fields))
        {
            string example = (expectPrivate, family) switch
            {
                (true, JwtAlgorithmFamily.Ecdsa) => "'-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----'",
                (true, _) => "'-----BEGIN PRIVATE KEY-----' or '-----BEGIN RSA PRIVATE KEY-----'",
                (false, _) => "'-----BEGIN PUBLIC KEY-----'",
                _ => "'-----BEGIN PUBLIC KEY-----' (to verify) or '-----BEGIN PRIVATE KEY-----' (to sign)",
            };
            ThrowHelper.ThrowArgument("No PEM block was found. Expected text such as " + example + ".", paramName);
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

    /// <summary>Refuses PEM text longer than <see cref="MaxPemLength"/> or with more than <see cref="MaxPemBlocks"/> begin lines, in one linear pass.</summary>
    public static void CheckSize(string pem, string paramName)
    {
        if (pem.Length > MaxPemLength)
        {
            ThrowHelper.ThrowArgument(
                "The PEM text is " + pem.Length.ToString(CultureInfo.InvariantCulture) + " characters long; MiniJwt reads at most "
                + MaxPemLength.ToString(CultureInfo.InvariantCulture) + " characters (64 KiB) of key text. Pass only the key's PEM block.",
                paramName);
        }

        int blocks = 0;
        ReadOnlySpan<char> rest = pem;
        for (int at = rest.IndexOf("-----BEGIN", StringComparison.Ordinal); at >= 0; at = rest.IndexOf("-----BEGIN", StringComparison.Ordinal))
        {
            if (++blocks > MaxPemBlocks)
            {
                ThrowHelper.ThrowArgument(
                    "The PEM text has more than " + MaxPemBlocks.ToString(CultureInfo.InvariantCulture)
                    + " '-----BEGIN' lines; MiniJwt reads one key. Pass only the key's PEM block.",
                    paramName);
            }

            rest = rest.Slice(at + 10);
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
