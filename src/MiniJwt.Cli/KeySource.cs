using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace MiniJwt.Cli;

/// <summary>
/// A key read from a file or the environment, not yet bound to an algorithm: what it is, which algorithms it
/// can serve, and how to make the library's <see cref="JwtKey"/> for one of them, or the <see cref="JwtKeySet"/>
/// of a JWK Set. Made only by <see cref="KeyFiles"/>.
/// </summary>
internal sealed class KeySource
{
    private readonly byte[]? _secret;
    private readonly string? _text;

    private KeySource(string argument, KeyFormat format, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, byte[]? secret, string? text, bool isPrivate, string? keyId)
    {
        Argument = argument;
        Format = format;
        Kind = kind;
        Description = description;
        Algorithms = algorithms;
        _secret = secret;
        _text = text;
        IsPrivate = isPrivate;
        KeyId = keyId;
    }

    /// <summary>The option it came from (<c>--key</c>, <c>--secret-file</c>, <c>--secret-env</c>, <c>--jwks</c>, <c>FILE</c>), for messages.</summary>
    public string Argument { get; }

    public KeyFormat Format { get; }

    /// <summary>The kind of key; for a JWK Set, the kind of its first usable key.</summary>
    public KeyKind Kind { get; }

    /// <summary>A description without key material, such as <c>RSA 2048-bit private key (PEM)</c>.</summary>
    public string Description { get; }

    /// <summary>The algorithms this key (or some key of the set) can serve, in the order of <see cref="AlgorithmNames.All"/>.</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms { get; }

    /// <summary><see langword="true"/> when the key can sign (a secret, or a private RSA/EC key; for a set, any of its keys).</summary>
    public bool IsPrivate { get; }

    /// <summary>The JWK's <c>kid</c>; <see langword="null"/> for other formats.</summary>
    public string? KeyId { get; }

    public bool IsSet => Format == KeyFormat.JwkSet;

    /// <summary>The JWK's JSON text, for <c>jwk to-pem</c>; <see langword="null"/> for other formats.</summary>
    public string? JwkText => Format == KeyFormat.Jwk ? _text : null;

    public static KeySource ForSecret(string argument, byte[] secret, string origin) =>
        new(argument, KeyFormat.Secret, KeyKind.Secret, "secret of " + secret.Length + " bytes (" + origin + ")", AlgorithmNames.OfKind(KeyKind.Secret), secret, null, isPrivate: true, keyId: null);

    public static KeySource ForPem(string argument, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, string pem, bool isPrivate) =>
        new(argument, KeyFormat.Pem, kind, description, algorithms, null, pem, isPrivate, keyId: null);

    public static KeySource ForJwk(string argument, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, string json, bool isPrivate, string? keyId) =>
        new(argument, KeyFormat.Jwk, kind, description, algorithms, null, json, isPrivate, keyId);

    public static KeySource ForSet(string argument, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, string json, bool isPrivate) =>
        new(argument, KeyFormat.JwkSet, kind, description, algorithms, null, json, isPrivate, keyId: null);

    /// <summary>
    /// Makes the library key for <paramref name="algorithm"/>; a key the library refuses is a usage mistake on
    /// <see cref="Argument"/>. For a JWK Set: the one signing key of the set bound to <paramref name="algorithm"/>
    /// with <c>kid</c> <paramref name="keyId"/> (which may be left out when only one fits).
    /// </summary>
    public JwtKey CreateKey(JwtAlgorithm algorithm, string? keyId)
    {
        if (!Contains(Algorithms, algorithm))
        {
            throw new UsageException(Argument, AlgorithmNames.Name(algorithm) + " cannot use this key: it is a " + Description
                + "; it serves " + string.Join(", ", NamesOf(Algorithms)) + ".");
        }

        try
        {
            return Format switch
            {
                KeyFormat.Secret => KeyFiles.SecretKey(algorithm, _secret!, keyId),
                KeyFormat.Pem => JwtKey.FromPem(algorithm, _text!, keyId),
                KeyFormat.Jwk => JwtKey.FromJwk(keyId is null || keyId == KeyId ? _text! : JwkJson.WithKeyId(_text!, keyId), algorithm),
                _ => FromSet(algorithm, keyId),
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException(Argument, AlgorithmNames.Name(algorithm) + " refuses this key: " + FirstSentence(e.Message), e);
        }
        catch (CryptographicException e)
        {
            throw new UsageException(Argument, "the key could not be read: " + e.Message, e);
        }
    }

    /// <summary>The key set of a JWK Set, its members without <c>alg</c> bound to each of <paramref name="algorithms"/> that fits.</summary>
    public JwtKeySet CreateKeySet(IReadOnlyList<JwtAlgorithm> algorithms)
    {
        if (!IsSet)
        {
            throw new InvalidOperationException("not a JWK Set");
        }

        JwtAlgorithm[] list = [.. algorithms];
        if (!JwtKeySet.TryParse(_text, list, allowWeakKeys: false, out JwtKeySet? set))
        {
            throw new UsageException(Argument, "the JWK Set could not be read.");
        }

        return set;
    }

    private JwtKey FromSet(JwtAlgorithm algorithm, string? keyId)
    {
        JwtKeySet set = CreateKeySet([algorithm]);
        JwtKey? found = null;
        int count = 0;
        foreach (JwtKey key in set.Keys)
        {
            if (key.Algorithm == algorithm && key.CanSign && (keyId is null || string.Equals(key.KeyId, keyId, StringComparison.Ordinal)))
            {
                found = key;
                count++;
            }
        }

        if (count == 1)
        {
            return found!;
        }

        throw new UsageException(keyId is null ? Argument : "--kid", count == 0
            ? "the JWK Set holds no private " + AlgorithmNames.Name(algorithm) + " key" + (keyId is null ? "" : " with kid " + keyId) + "."
            : "the JWK Set holds " + count + " private " + AlgorithmNames.Name(algorithm) + " keys; choose one with --kid.");
    }

    private static bool Contains(IReadOnlyList<JwtAlgorithm> list, JwtAlgorithm algorithm)
    {
        foreach (JwtAlgorithm item in list)
        {
            if (item == algorithm)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> NamesOf(IReadOnlyList<JwtAlgorithm> list)
    {
        foreach (JwtAlgorithm item in list)
        {
            yield return AlgorithmNames.Name(item);
        }
    }

    // ArgumentException appends " (Parameter 'x')"; the parameter means nothing to a command-line user.
    internal static string FirstSentence(string message)
    {
        int index = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
