using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace MiniJwt.Cli;

/// <summary>
/// All key loading of the tool, in one place. A key file is recognised by its content:
/// PEM (RSA or EC, public or private) and otherwise a raw HMAC secret; JWK and JWK Set are to come here.
/// A secret is read from a file or an environment variable, never from the command line.
/// </summary>
internal static class KeyFiles
{
    public const string KeyOption = "--key";
    public const string SecretFileOption = "--secret-file";
    public const string SecretEnvOption = "--secret-env";

    private const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads the one key named by the key options; none or several is a usage mistake.</summary>
    public static KeySource Load(string? keyFile, string? secretFile, string? secretEnv)
    {
        int given = (keyFile is null ? 0 : 1) + (secretFile is null ? 0 : 1) + (secretEnv is null ? 0 : 1);
        if (given == 0)
        {
            throw new UsageException(KeyOption, "no key: give one of --key FILE, --secret-file FILE or --secret-env NAME.");
        }

        if (given > 1)
        {
            throw new UsageException(keyFile is not null ? KeyOption : SecretFileOption, "give only one of --key, --secret-file and --secret-env.");
        }

        if (keyFile is not null)
        {
            return FromKeyFile(keyFile);
        }

        if (secretFile is not null)
        {
            byte[] bytes = ReadFile(SecretFileOption, secretFile);
            return KeySource.ForSecret(SecretFileOption, TrimLineEnd(bytes, SecretFileOption), "file");
        }

        return FromEnvironment(secretEnv!);
    }

    /// <summary>Makes an HMAC key; the one call to the library's secret factory.</summary>
    public static JwtKey SecretKey(JwtAlgorithm algorithm, ReadOnlySpan<byte> secret, string? keyId) =>
        JwtKey.FromSecret(algorithm, secret, keyId);

    private static KeySource FromKeyFile(string path)
    {
        byte[] bytes = ReadFile(KeyOption, path);
        string? text = TryUtf8(bytes);
        if (text is not null && text.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return FromPem(text);
        }

        // Phase 2: a JWK (an object with "kty") or a JWK Set (an object with "keys") is recognised here,
        // before the raw-secret fallback.
        if (text is not null && text.TrimStart().StartsWith('{'))
        {
            throw new UsageException(KeyOption, "JSON key files (JWK, JWK Set) are not read yet; give a PEM key or a secret.");
        }

        return KeySource.ForSecret(KeyOption, TrimLineEnd(bytes, KeyOption), "file");
    }

    private static KeySource FromEnvironment(string name)
    {
        if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
        {
            throw new UsageException(SecretEnvOption, "'" + name + "' is not an environment variable name.");
        }

        string? value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(value))
        {
            throw new UsageException(SecretEnvOption, "the environment variable " + name + " is not set or empty.");
        }

        return KeySource.ForSecret(SecretEnvOption, Encoding.UTF8.GetBytes(value), "environment");
    }

    private static KeySource FromPem(string text)
    {
        if (!PemEncoding.TryFind(text, out PemFields fields))
        {
            throw new UsageException(KeyOption, "the file looks like PEM but holds no well-formed PEM block.");
        }

        string label = text[fields.Label];
        switch (label)
        {
            case "RSA PRIVATE KEY":
            case "RSA PUBLIC KEY":
                return RsaFromPem(text, label == "RSA PRIVATE KEY");
            case "EC PRIVATE KEY":
                return EcFromPem(text, isPrivate: true);
            case "PRIVATE KEY":
            case "PUBLIC KEY":
                bool isPrivate = label == "PRIVATE KEY";
                return IsRsa(text) ? RsaFromPem(text, isPrivate) : EcFromPem(text, isPrivate);
            case "ENCRYPTED PRIVATE KEY":
                throw new UsageException(KeyOption, "the private key is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN).");
            case "CERTIFICATE":
                throw new UsageException(KeyOption, "the file holds a certificate; give its public key (openssl x509 -pubkey -noout -in FILE).");
            default:
                throw new UsageException(KeyOption, "the PEM block '" + label + "' is not a key MiniJwt reads (PKCS#1, PKCS#8, SPKI or SEC1).");
        }
    }

    private static bool IsRsa(string pem)
    {
        using RSA rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static KeySource RsaFromPem(string pem, bool isPrivate)
    {
        using RSA rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException(KeyOption, "the RSA key could not be read: " + e.Message, e);
        }

        string description = "RSA " + rsa.KeySize + "-bit " + (isPrivate ? "private" : "public") + " key (PEM)";
        return KeySource.ForPem(KeyOption, KeyKind.Rsa, description, AlgorithmNames.OfKind(KeyKind.Rsa), pem, isPrivate);
    }

    private static KeySource EcFromPem(string pem, bool isPrivate)
    {
        using ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException(KeyOption, "the key is neither RSA nor EC, or could not be read: " + e.Message, e);
        }

        JwtAlgorithm? algorithm = AlgorithmNames.EcAlgorithmForKeySize(ecdsa.KeySize);
        if (algorithm is null)
        {
            throw new UsageException(KeyOption, "the EC key is on a " + ecdsa.KeySize + "-bit curve; JWS uses P-256, P-384 and P-521 only.");
        }

        string description = "EC P-" + ecdsa.KeySize + " " + (isPrivate ? "private" : "public") + " key (PEM)";
        return KeySource.ForPem(KeyOption, KeyKind.Ec, description, [algorithm.Value], pem, isPrivate);
    }

    private static byte[] ReadFile(string argument, string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new UsageException(argument, "no such file: " + path);
            }

            if (info.Length > MaxFileBytes)
            {
                throw new UsageException(argument, path + " is larger than 1 MiB; it is not a key.");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(argument, "cannot read " + path + ": " + e.Message, e);
        }
    }

    private static string? TryUtf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // A secret file usually ends with the newline of an editor or of `echo`: it is not part of the secret.
    private static byte[] TrimLineEnd(byte[] bytes, string argument)
    {
        int length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        if (length == 0)
        {
            throw new UsageException(argument, "the secret is empty.");
        }

        byte[] result = bytes.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(bytes);
        return result;
    }
}
