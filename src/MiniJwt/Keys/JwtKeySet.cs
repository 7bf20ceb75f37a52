using System;
using System.Buffers;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt;

/// <summary>
/// An immutable set of keys, read from or written as a JSON Web Key Set (RFC 7517 §5), from which a verifier chooses
/// the one key a token names: by its <c>kid</c> (exact, ordinal) and <c>alg</c>, never by trying every key.
/// </summary>
/// <remarks>
/// <para><b>Reading</b> (<see cref="Parse(string, ReadOnlySpan{JwtAlgorithm}, bool)"/>): the set must be one strict JSON
/// object whose <c>keys</c> is an array of objects; anything else is malformed and refused whole. Each member is read as
/// <see cref="JwtKey.FromJwk(string, JwtAlgorithm?, bool)"/> reads a JWK; a member MiniJwt cannot use (<c>kty</c> <c>OKP</c>
/// or unknown, <c>use</c> <c>enc</c>, a weak or malformed key, an <c>alg</c> it does not implement) is skipped, as
/// RFC 7517 §5 asks, and reported in <see cref="SkippedKeys"/>. A member without <c>alg</c> is bound to each of the
/// caller's algorithms that fits it (an RSA key given RS256 and PS256 becomes two keys).</para>
/// <para><b>Choosing a key</b> for a token: with a <c>kid</c>, the one key with exactly that <c>kid</c> whose algorithm is
/// the token's <c>alg</c>; without a <c>kid</c>, the one key bound to the token's <c>alg</c>. None is
/// <see cref="JwtErrorCode.KeyNotFound"/>, several is <see cref="JwtErrorCode.AmbiguousKey"/>. A set that mixes shared
/// secrets with RSA or EC keys verifies nothing (<see cref="JwtErrorCode.MixedKeySet"/>): an HMAC secret in a public key
/// set is a leak or a key-confusion attack.</para>
/// <para>A set made from keys refuses two keys with the same <c>kid</c> and algorithm, which could never be told apart.</para>
/// </remarks>
public sealed class JwtKeySet
{
    private readonly JwtKey[] _keys;
    private readonly ReadOnlyCollection<JwtKey> _keyView;
    private readonly ReadOnlyCollection<string> _skipped;
    private readonly JwkClaim[] _claims;
    private readonly bool _mixed;
    private readonly IJwtKeySetSource? _source;

    /// <summary>Creates a set from keys.</summary>
    /// <param name="keys">The keys; the set keeps the references (keys are immutable).</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or one of its keys is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two keys have the same <see cref="JwtKey.KeyId"/> and <see cref="JwtKey.Algorithm"/>.</exception>
    public JwtKeySet(params JwtKey[] keys)
        : this((IEnumerable<JwtKey>)keys)
    {
    }

    /// <summary>Creates a set from keys.</summary>
    /// <param name="keys">The keys; the set keeps the references (keys are immutable).</param>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or one of its keys is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Two keys have the same <see cref="JwtKey.KeyId"/> and <see cref="JwtKey.Algorithm"/>.</exception>
    public JwtKeySet(IEnumerable<JwtKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var list = new List<JwtKey>();
        foreach (JwtKey key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            foreach (JwtKey other in list)
            {
                if (other.Algorithm == key.Algorithm && string.Equals(other.KeyId, key.KeyId, StringComparison.Ordinal))
                {
                    ThrowHelper.ThrowArgument(
                        "Two keys have the same kid and algorithm (" + JwtAlgorithms.GetName(key.Algorithm) + "), so no token could choose between them. "
                        + "Give each key its own kid, such as its JWK thumbprint.",
                        nameof(keys));
                }
            }

            list.Add(key);
        }

        _keys = list.ToArray();
        _keyView = Array.AsReadOnly(_keys);
        _skipped = Array.AsReadOnly(Array.Empty<string>());
        _claims = [];
        _mixed = IsMixed(_keys, sawSecret: false);
    }

    private JwtKeySet(JwtKey[] keys, string[] skipped, JwkClaim[] claims, bool sawSecret)
    {
        _keys = keys;
        _claims = claims;
        _keyView = Array.AsReadOnly(keys);
        _skipped = Array.AsReadOnly(skipped);
        _mixed = IsMixed(keys, sawSecret);
    }

    /// <summary>A live set whose keys are the <paramref name="source"/>'s current snapshot at each lookup.</summary>
    internal JwtKeySet(IJwtKeySetSource source)
    {
        _keys = [];
        _keyView = Array.AsReadOnly(_keys);
        _skipped = Array.AsReadOnly(Array.Empty<string>());
        _claims = [];
        _source = source;
    }

    /// <summary>The keys of the set, in order (a JWK without <c>alg</c> read for several algorithms gives one key for each).</summary>
    public IReadOnlyList<JwtKey> Keys => Snapshot._keyView;

    /// <summary>
    /// The members of the JWK Set that were skipped, each with its position, its <c>kid</c> when it has one, and why
    /// (empty for a set made from keys). Safe to log: no key material.
    /// </summary>
    public IReadOnlyList<string> SkippedKeys => Snapshot._skipped;

    /// <summary>The set whose keys a lookup uses now: this one, or the current snapshot of a live source (none yet: an empty set).</summary>
    internal JwtKeySet Snapshot => _source is null ? this : _source.Current ?? s_empty;

    /// <summary>The keys of this set (of a snapshot: a live set's own array is empty), for the decode's fast header check.</summary>
    internal JwtKey[] KeyArray => _keys;

    private static readonly JwtKeySet s_empty = new([], [], [], sawSecret: false);

    /// <summary>Reads a JWK Set (<c>{"keys":[...]}</c>).</summary>
    /// <param name="json">The JWK Set, one JSON object.</param>
    /// <param name="algorithms">The algorithms to bind a member without <c>alg</c> to (each that fits it); empty to skip such members.</param>
    /// <param name="allowWeakKeys"><see langword="true"/> to accept RSA keys under 2048 bits and HMAC secrets shorter than their hash.</param>
    /// <returns>The set; members it could not use are in <see cref="SkippedKeys"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JWK Set is malformed; the message says why.</exception>
    public static JwtKeySet Parse(string json, ReadOnlySpan<JwtAlgorithm> algorithms = default, bool allowWeakKeys = false)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!TryParseCore(json, algorithms, allowWeakKeys, out JwtKeySet? set, out string? error))
        {
            ThrowHelper.ThrowArgument(error, nameof(json));
        }

        return set;
    }

    /// <summary>Reads a JWK Set given as UTF-8 bytes; see <see cref="Parse(string, ReadOnlySpan{JwtAlgorithm}, bool)"/>.</summary>
    /// <param name="utf8Json">The JWK Set, one JSON object, as UTF-8 bytes.</param>
    /// <param name="algorithms">The algorithms to bind a member without <c>alg</c> to (each that fits it); empty to skip such members.</param>
    /// <param name="allowWeakKeys"><see langword="true"/> to accept RSA keys under 2048 bits and HMAC secrets shorter than their hash.</param>
    /// <returns>The set; members it could not use are in <see cref="SkippedKeys"/>.</returns>
    /// <exception cref="ArgumentException">The JWK Set is malformed; the message says why.</exception>
    public static JwtKeySet Parse(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<JwtAlgorithm> algorithms = default, bool allowWeakKeys = false)
    {
        if (!Read(utf8Json, algorithms, allowWeakKeys, out JwtKeySet? set, out string? error))
        {
            ThrowHelper.ThrowArgument(error, nameof(utf8Json));
        }

        return set;
    }

    /// <summary>Tries to read a JWK Set; never throws for bad input.</summary>
    /// <param name="json">The JWK Set, one JSON object.</param>
    /// <param name="algorithms">The algorithms to bind a member without <c>alg</c> to (each that fits it).</param>
    /// <param name="allowWeakKeys"><see langword="true"/> to accept RSA keys under 2048 bits and HMAC secrets shorter than their hash.</param>
    /// <param name="set">The set, or <see langword="null"/> when the JWK Set is malformed.</param>
    /// <returns><see langword="true"/> when the JWK Set is well-formed (some members may still have been skipped).</returns>
    public static bool TryParse([NotNullWhen(true)] string? json, ReadOnlySpan<JwtAlgorithm> algorithms, bool allowWeakKeys, [NotNullWhen(true)] out JwtKeySet? set) =>
        TryParseCore(json, algorithms, allowWeakKeys, out set, out _);

    /// <summary>Tries to read a JWK Set given as UTF-8 bytes; never throws for bad input.</summary>
    /// <param name="utf8Json">The JWK Set, one JSON object, as UTF-8 bytes.</param>
    /// <param name="algorithms">The algorithms to bind a member without <c>alg</c> to (each that fits it).</param>
    /// <param name="allowWeakKeys"><see langword="true"/> to accept RSA keys under 2048 bits and HMAC secrets shorter than their hash.</param>
    /// <param name="set">The set, or <see langword="null"/> when the JWK Set is malformed.</param>
    /// <returns><see langword="true"/> when the JWK Set is well-formed (some members may still have been skipped).</returns>
    public static bool TryParse(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<JwtAlgorithm> algorithms, bool allowWeakKeys, [NotNullWhen(true)] out JwtKeySet? set) =>
        Read(utf8Json, algorithms, allowWeakKeys, out set, out _);

    /// <summary>
    /// Writes the set as a JWK Set. By default the public form, for a <c>/.well-known/jwks.json</c> endpoint: each key's
    /// public JWK (<c>kid</c>, <c>use</c>, <c>alg</c> included).
    /// </summary>
    /// <param name="includePrivate"><see langword="true"/> to write private keys and secrets too (to store the set, never to publish it).</param>
    /// <returns>The JWK Set, compact JSON.</returns>
    /// <exception cref="InvalidOperationException">The set holds an HMAC secret and <paramref name="includePrivate"/> is <see langword="false"/>.</exception>
    public string ToJson(bool includePrivate = false)
    {
        JwtKey[] keys = Snapshot._keys;
        int capacity = 32;
        foreach (JwtKey key in keys)
        {
            capacity += JwkWriter.InitialCapacity(key);
        }

        var buffer = new ArrayBufferWriter<byte>(capacity);
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("keys"u8);
                foreach (JwtKey key in keys)
                {
                    JwkWriter.WriteTo(writer, key, includePrivate);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            buffer.Clear();
        }
    }

    /// <summary>
    /// Chooses the key for a token whose header has <paramref name="keyId"/> and <paramref name="algorithm"/>: with a
    /// <c>kid</c>, the one key with exactly that <c>kid</c> (ordinal) bound to the algorithm; without, the one key bound to
    /// the algorithm. Keys whose JWK forbids verification are never chosen. The header is not verified yet: the caller
    /// still checks the algorithm against its allow-list and the signature with the key.
    /// </summary>
    internal bool TryFindKey(string? keyId, JwtAlgorithm algorithm, [NotNullWhen(true)] out JwtKey? key, out JwtErrorCode error) =>
        TryFindKey(Snapshot, keyId, algorithm, out key, out error);

    /// <summary>
    /// Chooses the key as <see cref="TryFindKey(string?, JwtAlgorithm, out JwtKey?, out JwtErrorCode)"/> does, in a
    /// <paramref name="snapshot"/> of this set taken earlier by the caller (so that one decode sees one set).
    /// </summary>
    internal bool TryFindKey(JwtKeySet snapshot, string? keyId, JwtAlgorithm algorithm, [NotNullWhen(true)] out JwtKey? key, out JwtErrorCode error)
    {
        if (_source is null)
        {
            return snapshot.Find(keyId, algorithm, out key, out error);
        }

        if (ReferenceEquals(snapshot, s_empty))
        {
            // A live set with no good copy when the caller took its snapshot: a distinct refusal, never an exception,
            // and a (rate-limited) refresh.
            key = null;
            error = JwtErrorCode.KeySetUnavailable;
            _source.OnKeyNotFound(keyId, algorithm);
            return false;
        }

        if (snapshot.Find(keyId, algorithm, out key, out error))
        {
            return true;
        }

        if (error == JwtErrorCode.KeyNotFound)
        {
            _source.OnKeyNotFound(keyId, algorithm);
        }

        return false;
    }

    /// <summary>
    /// For an asynchronous entry point: when this is a live set with no key for <paramref name="keyId"/> and
    /// <paramref name="algorithm"/> (or no good copy), waits for the refresh its source allows; otherwise completes at once.
    /// </summary>
    internal Task WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (_source is null)
        {
            return Task.CompletedTask;
        }

        JwtKeySet? set = _source.Current;
        return set is not null && (set.Find(keyId, algorithm, out _, out JwtErrorCode error) || error != JwtErrorCode.KeyNotFound)
            ? Task.CompletedTask
            : _source.WaitForKeyAsync(keyId, algorithm, cancellationToken);
    }

    /// <summary>Whether this set's keys come from a live source (a remote JWK Set).</summary>
    internal bool IsLive => _source is not null;

    private bool Find(string? keyId, JwtAlgorithm algorithm, [NotNullWhen(true)] out JwtKey? key, out JwtErrorCode error)
    {
        key = null;
        if (_mixed)
        {
            error = JwtErrorCode.MixedKeySet;
            return false;
        }

        foreach (JwtKey candidate in _keys)
        {
            if (candidate.Algorithm != algorithm || candidate.JwkForbidsVerify
                || (keyId is not null && !string.Equals(candidate.KeyId, keyId, StringComparison.Ordinal)))
            {
                continue;
            }

            if (key is not null)
            {
                key = null;
                error = JwtErrorCode.AmbiguousKey;
                return false;
            }

            key = candidate;
        }

        // A skipped member meant as a signature key for this kid and algorithm makes the choice ambiguous.
        if (key is not null)
        {
            foreach (JwkClaim claim in _claims)
            {
                if (claim.Fits(algorithm) && (keyId is null || string.Equals(claim.KeyId, keyId, StringComparison.Ordinal)))
                {
                    key = null;
                    error = JwtErrorCode.AmbiguousKey;
                    return false;
                }
            }
        }

        error = key is null ? JwtErrorCode.KeyNotFound : JwtErrorCode.None;
        return key is not null;
    }

    private static bool IsMixed(JwtKey[] keys, bool sawSecret)
    {
        bool secret = sawSecret, asymmetric = false;
        foreach (JwtKey key in keys)
        {
            if (key is HmacKey)
            {
                secret = true;
            }
            else
            {
                asymmetric = true;
            }
        }

        return secret && asymmetric;
    }

    private static bool TryParseCore(string? json, ReadOnlySpan<JwtAlgorithm> algorithms, bool allowWeakKeys, [NotNullWhen(true)] out JwtKeySet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        if (json is null)
        {
            error = "The JWK Set is null.";
            return false;
        }

        byte[] utf8;
        try
        {
            utf8 = s_strictUtf8.GetBytes(json);
        }
        catch (System.Text.EncoderFallbackException)
        {
            error = "The JWK Set text is not valid UTF-16 (it holds a lone surrogate).";
            return false;
        }

        try
        {
            return Read(utf8, algorithms, allowWeakKeys, out set, out error);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(utf8);
        }
    }

    private static readonly System.Text.UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool Read(ReadOnlySpan<byte> json, ReadOnlySpan<JwtAlgorithm> algorithms, bool allowWeakKeys, [NotNullWhen(true)] out JwtKeySet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        var members = default(JwkSetMembers);
        JwtErrorCode code = StrictJson.ReadObject(json, JwkReader.MaxDepth, ref members);
        if (code != JwtErrorCode.None)
        {
            error = code == JwtErrorCode.DuplicateMember
                ? "The JWK Set repeats a member name."
                : "The JWK Set is not one well-formed UTF-8 JSON object.";
            return false;
        }

        if (members.Error is not null || members.Keys is null)
        {
            error = members.Error ?? "The JWK Set has no 'keys' array.";
            return false;
        }

        var keys = new List<JwtKey>(members.Keys.Count);
        var skipped = new List<string>();
        var claims = new List<JwkClaim>();
        bool sawSecret = false;
        for (int i = 0; i < members.Keys.Count; i++)
        {
            (int offset, int length) = members.Keys[i].GetOffsetAndLength(json.Length);
            JwkReader.Failure failure = JwkReader.TryReadSetMember(
                json.Slice(offset, length), algorithms, allowWeakKeys, keys, out string? keyId, out bool isSecret, out JwkClaim? claim, out string? reason);
            sawSecret |= isSecret;
            if (failure == JwkReader.Failure.Json)
            {
                error = "Member " + i.ToString(CultureInfo.InvariantCulture) + " of the JWK Set's keys is malformed: " + reason;
                return false;
            }

            if (failure == JwkReader.Failure.Content)
            {
                skipped.Add(Describe(i, keyId) + reason);
                if (claim is JwkClaim broken)
                {
                    claims.Add(broken);
                }
            }
        }

        set = new JwtKeySet(keys.ToArray(), skipped.ToArray(), claims.ToArray(), sawSecret);
        error = null;
        return true;
    }

    // "keys[2] (kid "abc"): ", the kid JSON-escaped and cut to 64 characters so that a log line stays one line.
    private static string Describe(int index, string? keyId)
    {
        string text = "keys[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        if (keyId is not null)
        {
            int cut = keyId.Length <= 64 ? keyId.Length : char.IsHighSurrogate(keyId[63]) ? 63 : 64;
            text += " (kid \"" + JsonEncodedText.Encode(keyId.AsSpan(0, cut)).ToString() + (cut < keyId.Length ? "…" : string.Empty) + "\")";
        }

        return text + ": ";
    }
}
