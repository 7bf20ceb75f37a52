using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace MiniJwt.Cli;

/// <summary>
/// A key read from a file or the environment, not yet bound to an algorithm: what it is, which algorithms it
/// can serve, and how to make the library's <see cref="JwtKey"/> for one of them. Made only by <see cref="KeyFiles"/>.
/// </summary>
internal sealed class KeySource
{
    private readonly byte[]? _secret;
    private readonly string? _pem;

    private KeySource(string argument, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, byte[]? secret, string? pem, bool isPrivate)
    {
        Argument = argument;
        Kind = kind;
        Description = description;
        Algorithms = algorithms;
        _secret = secret;
        _pem = pem;
        IsPrivate = isPrivate;
    }

    /// <summary>The option it came from (<c>--key</c>, <c>--secret-file</c>, <c>--secret-env</c>), for messages.</summary>
    public string Argument { get; }

    public KeyKind Kind { get; }

    /// <summary>A description without key material, such as <c>RSA 2048-bit private key (PEM)</c>.</summary>
    public string Description { get; }

    /// <summary>The algorithms this key can serve, in the order of <see cref="AlgorithmNames.All"/>.</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms { get; }

    /// <summary><see langword="true"/> when the key can sign (a secret, or a private RSA/EC key).</summary>
    public bool IsPrivate { get; }

    public static KeySource ForSecret(string argument, byte[] secret, string origin) =>
        new(argument, KeyKind.Secret, "secret of " + secret.Length + " bytes (" + origin + ")", AlgorithmNames.OfKind(KeyKind.Secret), secret, null, isPrivate: true);

    public static KeySource ForPem(string argument, KeyKind kind, string description, IReadOnlyList<JwtAlgorithm> algorithms, string pem, bool isPrivate) =>
        new(argument, kind, description, algorithms, null, pem, isPrivate);

    /// <summary>Makes the library key for <paramref name="algorithm"/>; a key the library refuses is a usage mistake on <see cref="Argument"/>.</summary>
    public JwtKey CreateKey(JwtAlgorithm algorithm, string? keyId)
    {
        if (!Contains(Algorithms, algorithm))
        {
            throw new UsageException(Argument, AlgorithmNames.Name(algorithm) + " cannot use this key: it is a " + Description
                + "; it serves " + string.Join(", ", NamesOf(Algorithms)) + ".");
        }

        try
        {
            return _secret is not null
                ? KeyFiles.SecretKey(algorithm, _secret, keyId)
                : JwtKey.FromPem(algorithm, _pem!, keyId);
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
    private static string FirstSentence(string message)
    {
        int index = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }
}
