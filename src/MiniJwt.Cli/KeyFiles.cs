using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Remote;

namespace MiniJwt.Cli;

/// <summary>
/// All key loading of the tool, in one place. A key file is recognised by its content: PEM (RSA or EC, public
/// or private), a JWK (a JSON object with <c>kty</c>), a JWK Set (a JSON object with <c>keys</c>), and otherwise a
/// raw HMAC secret. A secret is read from a file or an environment variable, never from the command line.
/// </summary>
internal static class KeyFiles
{
    public const string KeyOption = "--key";
    public const string SecretFileOption = "--secret-file";
    public const string SecretEnvOption = "--secret-env";
    public const string JwksOption = "--jwks";

    private const int MaxFileBytes = 1024 * 1024;

    /// <summary>Reads the one key named by the key options; none or several is a usage mistake.</summary>
    public static KeySource Load(string? keyFile, string? secretFile, string? secretEnv, string? jwks = null, bool jwksAllowed = false)
    {
        int given = (keyFile is null ? 0 : 1) + (secretFile is null ? 0 : 1) + (secretEnv is null ? 0 : 1) + (jwks is null ? 0 : 1);
        string choices = jwksAllowed ? "--key, --secret-file, --secret-env and --jwks" : "--key, --secret-file and --secret-env";
        if (given == 0)
        {
            throw new UsageException(KeyOption, jwksAllowed
                ? "no key: give one of --key FILE, --secret-file FILE, --secret-env NAME or --jwks FILE."
                : "no key: give one of --key FILE, --secret-file FILE or --secret-env NAME.");
        }

        if (given > 1)
        {
            throw new UsageException(keyFile is not null ? KeyOption : secretFile is not null ? SecretFileOption : SecretEnvOption, "give only one of " + choices + ".");
        }

        if (keyFile is not null)
        {
            return FromKeyFile(KeyOption, keyFile);
        }

        if (jwks is not null)
        {
            return FromJwksOption(jwks);
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

    /// <summary>Reads a key file of any format, recognised by content; <paramref name="argument"/> names it in messages.</summary>
    public static KeySource FromKeyFile(string argument, string path) => FromKeyFile(argument, path, fromText: false);

    private static KeySource FromKeyFile(string argument, string pathOrText, bool fromText)
    {
        byte[] bytes = fromText ? Encoding.UTF8.GetBytes(pathOrText) : ReadFile(argument, pathOrText);
        string? text = TryUtf8(bytes);
        if (text is not null && text.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return FromPem(argument, text);
        }

        if (text is not null && text.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal))
        {
            return FromJson(argument, text);
        }

        return KeySource.ForSecret(argument, TrimLineEnd(bytes, argument), "file");
    }

    // --jwks FILE|URL: a JWK Set, from a file or fetched once (https, or http to a loopback address).
    private static KeySource FromJwksOption(string value)
    {
        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return FromJwksUrl(value);
        }

        KeySource source = FromKeyFile(JwksOption, value);
        if (!source.IsSet)
        {
            throw new UsageException(JwksOption, value + " is not a JWK Set (a JSON object with \"keys\"); give a single key with --key.");
        }

        return source;
    }

    // The library's remote key set fetches the set (its rules: https, no redirect, size and time limits, strict
    // parsing); the tool verifies against that one copy, written out as the public set it holds.
    private static KeySource FromJwksUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri))
        {
            throw new UsageException(JwksOption, "'" + value + "' is not a URL.");
        }

        RemoteJwtKeySet remote;
        try
        {
            remote = RemoteJwtKeySet.FromJwksUri(uri, new RemoteJwtKeySetOptions { Algorithms = AlgorithmNames.All });
        }
        catch (ArgumentException e)
        {
            throw new UsageException(JwksOption, KeySource.FirstSentence(e.Message), e);
        }

        using (remote)
        {
            if (!remote.RefreshAsync().GetAwaiter().GetResult())
            {
                throw new UsageException(JwksOption, "the JWK Set could not be fetched from " + value + ": " + (remote.LastError?.Message ?? "unknown error"));
            }

            string json;
            try
            {
                json = remote.KeySet.ToJson();
            }
            catch (InvalidOperationException e)
            {
                throw new UsageException(JwksOption, "the JWK Set at " + value + " holds a shared secret; it is not used.", e);
            }

            KeySource source = FromKeyFile(JwksOption, json, fromText: true);
            return source;
        }
    }

    private static KeySource FromJson(string argument, string text)
    {
        if (!JwkJson.TryInspect(text, out bool isSet, out string? kty, out string? crv, out string? alg, out string? kid))
        {
            throw new UsageException(argument, "the file starts like JSON but is not one JSON object.");
        }

        if (isSet)
        {
            return FromJwkSet(argument, text);
        }

        if (kty is null)
        {
            throw new UsageException(argument, "the JSON object is neither a JWK (no \"kty\") nor a JWK Set (no \"keys\").");
        }

        // The algorithms the JWK may serve: its alg, or without one every algorithm its kty (and curve) fits.
        var candidates = new List<JwtAlgorithm>();
        if (alg is not null && AlgorithmNames.TryParse(alg, out JwtAlgorithm named))
        {
            candidates.Add(named);
        }
        else if (alg is null)
        {
            switch (kty)
            {
                case "RSA":
                    candidates.AddRange(AlgorithmNames.OfKind(KeyKind.Rsa));
                    break;
                case "oct":
                    candidates.AddRange(AlgorithmNames.OfKind(KeyKind.Secret));
                    break;
                case "EC":
                    candidates.Add(crv switch { "P-384" => JwtAlgorithm.ES384, "P-521" => JwtAlgorithm.ES512, _ => JwtAlgorithm.ES256 });
                    break;
            }
        }

        var algorithms = new List<JwtAlgorithm>();
        JwtKey? first = null;
        foreach (JwtAlgorithm candidate in candidates)
        {
            if (JwtKey.TryFromJwk(text, alg is null ? candidate : null, allowWeakKey: false, out JwtKey? key))
            {
                algorithms.Add(key.Algorithm);
                first ??= key;
            }
        }

        if (first is null)
        {
            // Let the library say why: a bad member, an unsupported kty or alg, a weak key.
            string reason;
            try
            {
                JwtKey.FromJwk(text, alg is null && candidates.Count > 0 ? candidates[0] : null);
                reason = "the library refused it";
            }
            catch (ArgumentException e)
            {
                reason = KeySource.FirstSentence(e.Message);
            }

            throw new UsageException(argument, "the JWK cannot be used: " + reason);
        }

        KeyKind kind = AlgorithmNames.KindOf(first.Algorithm);
        string description = Describe(first, kind) + " (JWK" + (first.KeyId is { } k ? ", kid " + k : "") + ")";
        return KeySource.ForJwk(argument, kind, description, algorithms, text, first.CanSign, first.KeyId);
    }

    private static KeySource FromJwkSet(string argument, string text)
    {
        JwtKeySet set;
        try
        {
            set = JwtKeySet.Parse(text, [.. AlgorithmNames.All]);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(argument, "the JWK Set is malformed: " + KeySource.FirstSentence(e.Message), e);
        }

        if (set.Keys.Count == 0)
        {
            string skipped = set.SkippedKeys.Count == 0 ? "" : " (skipped: " + string.Join("; ", set.SkippedKeys) + ")";
            throw new UsageException(argument, "the JWK Set holds no key MiniJwt can use" + skipped + ".");
        }

        var algorithms = new List<JwtAlgorithm>();
        var kids = new List<string>();
        bool isPrivate = false;
        foreach (JwtAlgorithm algorithm in AlgorithmNames.All)
        {
            foreach (JwtKey key in set.Keys)
            {
                if (key.Algorithm == algorithm && !algorithms.Contains(algorithm))
                {
                    algorithms.Add(algorithm);
                }
            }
        }

        foreach (JwtKey key in set.Keys)
        {
            isPrivate |= key.CanSign;
            if (key.KeyId is { } kid && !kids.Contains(kid))
            {
                kids.Add(kid);
            }
        }

        string description = "JWK Set of " + set.Keys.Count + (set.Keys.Count == 1 ? " key" : " keys")
            + (kids.Count > 0 ? " (kid " + string.Join(", ", kids) + ")" : "")
            + (set.SkippedKeys.Count > 0 ? ", " + set.SkippedKeys.Count + " skipped" : "");
        return KeySource.ForSet(argument, AlgorithmNames.KindOf(set.Keys[0].Algorithm), description, algorithms, text, isPrivate);
    }

    private static string Describe(JwtKey key, KeyKind kind) => kind switch
    {
        KeyKind.Secret => "secret of " + key.KeySizeInBits / 8 + " bytes",
        KeyKind.Rsa => "RSA " + key.KeySizeInBits + "-bit " + (key.CanSign ? "private" : "public") + " key",
        _ => "EC P-" + key.KeySizeInBits + " " + (key.CanSign ? "private" : "public") + " key",
    };

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

    private static KeySource FromPem(string argument, string text)
    {
        if (!PemEncoding.TryFind(text, out PemFields fields))
        {
            throw new UsageException(argument, "the file looks like PEM but holds no well-formed PEM block.");
        }

        string label = text[fields.Label];
        switch (label)
        {
            case "RSA PRIVATE KEY":
            case "RSA PUBLIC KEY":
                return RsaFromPem(argument, text, label == "RSA PRIVATE KEY");
            case "EC PRIVATE KEY":
                return EcFromPem(argument, text, isPrivate: true);
            case "PRIVATE KEY":
            case "PUBLIC KEY":
                bool isPrivate = label == "PRIVATE KEY";
                return IsRsa(text) ? RsaFromPem(argument, text, isPrivate) : EcFromPem(argument, text, isPrivate);
            case "ENCRYPTED PRIVATE KEY":
                throw new UsageException(argument, "the private key is encrypted; decrypt it first (openssl pkey -in FILE -out PLAIN).");
            case "CERTIFICATE":
                throw new UsageException(argument, "the file holds a certificate; give its public key (openssl x509 -pubkey -noout -in FILE).");
            default:
                throw new UsageException(argument, "the PEM block '" + label + "' is not a key MiniJwt reads (PKCS#1, PKCS#8, SPKI or SEC1).");
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

    private static KeySource RsaFromPem(string argument, string pem, bool isPrivate)
    {
        using RSA rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException(argument, "the RSA key could not be read: " + e.Message, e);
        }

        string description = "RSA " + rsa.KeySize + "-bit " + (isPrivate ? "private" : "public") + " key (PEM)";
        return KeySource.ForPem(argument, KeyKind.Rsa, description, AlgorithmNames.OfKind(KeyKind.Rsa), pem, isPrivate);
    }

    private static KeySource EcFromPem(string argument, string pem, bool isPrivate)
    {
        using ECDsa ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException(argument, "the key is neither RSA nor EC, or could not be read: " + e.Message, e);
        }

        JwtAlgorithm? algorithm = AlgorithmNames.EcAlgorithmForKeySize(ecdsa.KeySize);
        if (algorithm is null)
        {
            throw new UsageException(argument, "the EC key is on a " + ecdsa.KeySize + "-bit curve; JWS uses P-256, P-384 and P-521 only.");
        }

        string description = "EC P-" + ecdsa.KeySize + " " + (isPrivate ? "private" : "public") + " key (PEM)";
        return KeySource.ForPem(argument, KeyKind.Ec, description, [algorithm.Value], pem, isPrivate);
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
