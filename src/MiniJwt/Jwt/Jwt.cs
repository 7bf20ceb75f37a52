using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt;

/// <summary>
/// JSON Web Tokens (RFC 7519) over compact JWS: encode a claims set, and decode with full verification in the
/// order of the design (size, charset, split, header, allow-list, key family, signature, then claims).
/// </summary>
public static class Jwt
{
    /// <summary>The <c>typ</c> header MiniJwt writes by default.</summary>
    public const string DefaultType = JwsHeaderWriter.JwtType;

    /// <summary>Returns the exact length of the token that encoding a payload of <paramref name="payloadLength"/> bytes gives.</summary>
    /// <param name="payloadLength">The UTF-8 JSON payload length in bytes.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The token length in bytes (and characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static int GetEncodedLength(int payloadLength, JwtKey key, string? type = DefaultType) =>
        Jws.GetEncodedLength(payloadLength, key, type);

    /// <summary>Encodes a UTF-8 JSON claims set into <paramref name="destination"/>, when it is large enough.</summary>
    /// <param name="utf8JsonPayload">The claims set: one JSON object with unique member names.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="destination">Receives the token as ASCII bytes; size it with <see cref="GetEncodedLength(int, JwtKey, string?)"/>.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the method returns <see langword="false"/>.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns><see langword="true"/> when the token was written; <see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The payload is not one JSON object with unique names (a mistake of the caller, not a short buffer), or
    /// <paramref name="type"/> is empty or holds an unpaired surrogate.
    /// </exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static bool TryEncode(ReadOnlySpan<byte> utf8JsonPayload, JwtKey key, Span<byte> destination, out int bytesWritten, string? type = DefaultType)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckPayload(utf8JsonPayload, nameof(utf8JsonPayload));
        return Jws.TrySign(utf8JsonPayload, key, destination, out bytesWritten, type);
    }

    /// <summary>Encodes a UTF-8 JSON claims set into <paramref name="destination"/>.</summary>
    /// <param name="utf8JsonPayload">The claims set: one JSON object with unique member names.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="destination">Receives the token as ASCII bytes; size it with <see cref="GetEncodedLength(int, JwtKey, string?)"/>.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is not one JSON object with unique names, <paramref name="destination"/> is too small, or <paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static int Encode(ReadOnlySpan<byte> utf8JsonPayload, JwtKey key, Span<byte> destination, string? type = DefaultType)
    {
        if (!TryEncode(utf8JsonPayload, key, destination, out int written, type))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return written;
    }

    /// <summary>Encodes a UTF-8 JSON claims set to <paramref name="writer"/>.</summary>
    /// <param name="utf8JsonPayload">The claims set: one JSON object with unique member names.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="writer">Receives the token as ASCII bytes.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is not one JSON object with unique names, or <paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static int Encode(ReadOnlySpan<byte> utf8JsonPayload, JwtKey key, IBufferWriter<byte> writer, string? type = DefaultType)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckPayload(utf8JsonPayload, nameof(utf8JsonPayload));
        return Jws.Sign(utf8JsonPayload, key, writer, type);
    }

    /// <summary>Encodes a UTF-8 JSON claims set as a compact token.</summary>
    /// <param name="utf8JsonPayload">The claims set: one JSON object with unique member names.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is not one JSON object with unique names, or <paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static string Encode(ReadOnlySpan<byte> utf8JsonPayload, JwtKey key, string? type = DefaultType)
    {
        ArgumentNullException.ThrowIfNull(key);
        CheckPayload(utf8JsonPayload, nameof(utf8JsonPayload));
        return Jws.Sign(utf8JsonPayload, key, type);
    }

    /// <summary>Encodes a claims set built with <see cref="JwtClaims"/> (or any name/value pairs), in the order given.</summary>
    /// <param name="claims">The claims; names unique, values of the types <see cref="JwtClaims"/> lists.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claims"/> or <paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// A name repeats, a value's type is not supported, a name or string holds an unpaired surrogate (UTF-8 cannot carry
    /// it), or a <see cref="JsonElement"/> value holds text that cannot be written.
    /// </exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static string Encode(IEnumerable<KeyValuePair<string, object?>> claims, JwtKey key, string? type = DefaultType)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(key);
        return JsonClaimWriter.WithJson(claims, (key, type), static (json, wellFormed, state) =>
        {
            if (!wellFormed)
            {
                CheckPayload(json, nameof(claims));
            }

            return Jws.Sign(json, state.key, state.type);
        });
    }

    /// <summary>Encodes a typed payload serialized with source-generated metadata (no reflection).</summary>
    /// <typeparam name="T">The payload type; it must serialize to a JSON object.</typeparam>
    /// <param name="payload">The payload.</param>
    /// <param name="typeInfo">The metadata, from a <c>JsonSerializerContext</c>.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header; <see langword="null"/> writes none.</param>
    /// <returns>The token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> or <paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload does not serialize to one JSON object with unique names.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> cannot sign.</exception>
    public static string Encode<T>(T payload, JsonTypeInfo<T> typeInfo, JwtKey key, string? type = DefaultType)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(key);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JwsHeaderWriter.WriterOptions))
        {
            JsonSerializer.Serialize(writer, payload, typeInfo);
        }

        return Encode(buffer.WrittenSpan, key, type);
    }

    /// <summary>Decodes and verifies a JWT. Never throws for a bad token.</summary>
    /// <param name="token">The compact token.</param>
    /// <param name="key">The verification key; bound to the token's algorithm.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryDecode([NotNullWhen(true)] string? token, JwtKey key, JwtValidationOptions options, out JwtToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        JwtTokenCache? cache = options.TokenCache;
        if (cache is not null && token is not null && cache.Find(token, key, options) is { } entry)
        {
            return FromCache(cache, entry, options, out result, out error);
        }

        result = default;
        var payload = new JwtPayloadReader(options);
        error = JwsReader.Verify(token, key, options.Jws, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        if (cache is not null && token is not null)
        {
            cache.Add(token, key, options, layout, header, payload.Claims);
        }

        result = new JwtToken(new JwsToken(token!, layout, header), payload.Claims);
        return true;
    }

    /// <summary>Decodes and verifies a JWT given as ASCII bytes. Never throws for a bad token.</summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="key">The verification key; bound to the token's algorithm.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Token, JwtKey key, JwtValidationOptions options, out JwtToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        JwtTokenCache? cache = options.TokenCache;
        if (cache is not null && cache.Find(utf8Token, key, options) is { } entry)
        {
            return FromCache(cache, entry, options, out result, out error);
        }

        result = default;
        var payload = new JwtPayloadReader(options);
        error = JwsReader.Verify(utf8Token, key, options.Jws, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        string token = System.Text.Encoding.ASCII.GetString(utf8Token);
        cache?.Add(token, key, options, layout, header, payload.Claims);
        result = new JwtToken(new JwsToken(token, layout, header), payload.Claims);
        return true;
    }

    /// <summary>
    /// Verifies a JWT given as ASCII bytes, as <see cref="TryDecode(ReadOnlySpan{byte}, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
    /// does, without allocating: for hot paths that need only the verdict. Never throws for a bad token.
    /// </summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="key">The verification key; bound to the token's algorithm.</param>
    /// <param name="options">The allow-list, limits and claim rules (and the <see cref="JwtValidationOptions.TokenCache"/>, if any).</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Nothing is allocated, except once per token when a <see cref="JwtValidationOptions.TokenCache"/> is set and the token
    /// is not yet remembered (the cache keeps its text).
    /// </remarks>
    public static bool TryValidate(ReadOnlySpan<byte> utf8Token, JwtKey key, JwtValidationOptions options, out JwtError error) =>
        TryValidateCore(utf8Token, key, options, readSubject: false, default, out _, out _, out error);

    /// <summary>
    /// Verifies a JWT given as ASCII bytes and reads its <c>sub</c> and <c>exp</c>, without allocating. Never throws for a bad token.
    /// </summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="key">The verification key; bound to the token's algorithm.</param>
    /// <param name="options">The allow-list, limits and claim rules (and the <see cref="JwtValidationOptions.TokenCache"/>, if any).</param>
    /// <param name="utf8Subject">Receives the <c>sub</c> claim as UTF-8 (unescaped) when the token is valid; a buffer as long as the token always suffices.</param>
    /// <param name="subjectLength">
    /// The length in bytes of <c>sub</c>; -1 when the token has none or is refused. When it is greater than the length of
    /// <paramref name="utf8Subject"/>, nothing was written there.
    /// </param>
    /// <param name="expiresAt">The <c>exp</c> claim, or <see langword="null"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// Nothing is allocated, except once per token when a <see cref="JwtValidationOptions.TokenCache"/> is set and the token
    /// is not yet remembered (the cache keeps its text).
    /// </remarks>
    public static bool TryValidate(
        ReadOnlySpan<byte> utf8Token, JwtKey key, JwtValidationOptions options, Span<byte> utf8Subject, out int subjectLength, out DateTimeOffset? expiresAt, out JwtError error) =>
        TryValidateCore(utf8Token, key, options, readSubject: true, utf8Subject, out subjectLength, out expiresAt, out error);

    // readSubject: false when the caller asked for the verdict only, so the subject is not looked up.
    private static bool TryValidateCore(
        ReadOnlySpan<byte> utf8Token,
        JwtKey key,
        JwtValidationOptions options,
        bool readSubject,
        Span<byte> utf8Subject,
        out int subjectLength,
        out DateTimeOffset? expiresAt,
        out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        subjectLength = -1;
        expiresAt = null;
        RegisteredClaims claims;
        JwsLayout layout;
        JwtTokenCache? cache = options.TokenCache;
        if (cache is not null && cache.Find(utf8Token, key, options) is { } entry)
        {
            error = JwtClaimsReader.CheckTimes(entry.Claims, options);
            if (error.Code != JwtErrorCode.None)
            {
                Forget(cache, entry, error);
                return false;
            }

            claims = entry.Claims;
            layout = entry.Layout;
        }
        else
        {
            var payload = new JwtPayloadReader(options);
            error = JwsReader.Verify(utf8Token, key, options.Jws, ref payload, out layout, out JwtHeader header);
            if (error.Code != JwtErrorCode.None)
            {
                return false;
            }

            claims = payload.Claims;
            cache?.Add(System.Text.Encoding.ASCII.GetString(utf8Token), key, options, layout, header, claims);
        }

        expiresAt = JwtToken.ToDate(claims.Expires);
        if (readSubject && RegisteredClaims.IsPresent(claims.Subject))
        {
            subjectLength = JwtToken.CopySubject(utf8Token.Slice(layout.PayloadStart, layout.PayloadLength), claims.Subject, utf8Subject);
        }

        return true;
    }

    /// <summary>Decodes and verifies a JWT, throwing when it is refused.</summary>
    /// <param name="token">The compact token.</param>
    /// <param name="key">The verification key.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <returns>The verified token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JwtException">The token is refused; <see cref="JwtException.Code"/> says why.</exception>
    public static JwtToken Decode(string? token, JwtKey key, JwtValidationOptions options)
    {
        if (!TryDecode(token, key, options, out JwtToken result, out JwtError error))
        {
            ThrowHelper.ThrowJwtException(error);
        }

        return result;
    }

    /// <summary>
    /// Decodes and verifies a JWT with the key of <paramref name="keys"/> its header names. Never throws for a bad token.
    /// </summary>
    /// <remarks>
    /// The header is read once: its <c>alg</c> must be in the allow-list, then the set chooses the key — with a <c>kid</c>,
    /// the one key with exactly that <c>kid</c> bound to <c>alg</c>; without, the one key bound to <c>alg</c>. No key,
    /// several keys or a set that mixes secrets with public keys refuses the token
    /// (<see cref="JwtErrorCode.KeyNotFound"/>, <see cref="JwtErrorCode.AmbiguousKey"/>, <see cref="JwtErrorCode.MixedKeySet"/>);
    /// no other key is tried. Keys in the header (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>) are never used. The
    /// claims are then checked as with one key.
    /// </remarks>
    /// <param name="token">The compact token.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryDecode([NotNullWhen(true)] string? token, JwtKeySet keys, JwtValidationOptions options, out JwtToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = new JwtPayloadReader(options);
        error = JwsReader.Verify(token, new KeySetChooser(keys), options.Jws, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwtToken(new JwsToken(token!, layout, header), payload.Claims);
        return true;
    }

    /// <summary>
    /// Decodes and verifies a JWT given as ASCII bytes with the key of <paramref name="keys"/> its header names; see
    /// <see cref="TryDecode(string?, JwtKeySet, JwtValidationOptions, out JwtToken, out JwtError)"/>. Never throws for a bad token.
    /// </summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryDecode(ReadOnlySpan<byte> utf8Token, JwtKeySet keys, JwtValidationOptions options, out JwtToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = new JwtPayloadReader(options);
        error = JwsReader.Verify(utf8Token, new KeySetChooser(keys), options.Jws, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwtToken(new JwsToken(System.Text.Encoding.ASCII.GetString(utf8Token), layout, header), payload.Claims);
        return true;
    }

    /// <summary>
    /// Decodes and verifies a JWT with the key of <paramref name="keys"/> its header names, throwing when it is refused; see
    /// <see cref="TryDecode(string?, JwtKeySet, JwtValidationOptions, out JwtToken, out JwtError)"/>.
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <returns>The verified token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JwtException">The token is refused; <see cref="JwtException.Code"/> says why.</exception>
    public static JwtToken Decode(string? token, JwtKeySet keys, JwtValidationOptions options)
    {
        if (!TryDecode(token, keys, options, out JwtToken result, out JwtError error))
        {
            ThrowHelper.ThrowJwtException(error);
        }

        return result;
    }

    /// <summary>
    /// Decodes and verifies a JWT with the key of <paramref name="keys"/> its header names, first waiting, when
    /// <paramref name="keys"/> is a remote set (<see cref="Remote.RemoteJwtKeySet.KeySet"/>) that has no key for the token's
    /// <c>kid</c> (or no good copy), for the one refresh its rules allow; throws when the token is refused.
    /// </summary>
    /// <remarks>
    /// With the set cached and the <c>kid</c> known, nothing is awaited and the decode is the synchronous one. A refresh
    /// that fails, or is not allowed yet (the cooldown), is not an exception: the decode then refuses the token with
    /// <see cref="JwtErrorCode.KeyNotFound"/> or <see cref="JwtErrorCode.KeySetUnavailable"/>.
    /// </remarks>
    /// <param name="token">The compact token.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list, limits and claim rules.</param>
    /// <param name="cancellationToken">Stops the wait for a refresh (the refresh goes on for other callers).</param>
    /// <returns>The verified token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JwtException">The token is refused; <see cref="JwtException.Code"/> says why.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled during the wait.</exception>
    public static Task<JwtToken> DecodeAsync(string? token, JwtKeySet keys, JwtValidationOptions options, CancellationToken cancellationToken = default)
    {
        Task wait = WaitForKeyAsync(token, keys, options, cancellationToken);
        return wait.IsCompletedSuccessfully ? DecodeToTask(token, keys, options) : DecodeAfterAsync(wait, token, keys, options);

        static async Task<JwtToken> DecodeAfterAsync(Task wait, string? token, JwtKeySet keys, JwtValidationOptions options)
        {
            await wait.ConfigureAwait(false);
            return Decode(token, keys, options);
        }
    }

    /// <summary>
    /// When <paramref name="keys"/> is a remote set with no key for the <c>kid</c> and <c>alg</c> of <paramref name="token"/>
    /// (or no good copy), waits for the one refresh its rules allow; completes at once otherwise (a set given directly, a
    /// known <c>kid</c>, an unreadable header, an algorithm outside the allow-list, the cooldown). Never faults for a failed
    /// refresh. Then decode with <see cref="TryDecode(string?, JwtKeySet, JwtValidationOptions, out JwtToken, out JwtError)"/>:
    /// the asynchronous form of a decode that never throws.
    /// </summary>
    /// <param name="token">The compact token (its header is read unverified, only to name the key).</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list and limits of the decode that follows.</param>
    /// <param name="cancellationToken">Stops the wait (the refresh goes on for other callers).</param>
    /// <returns>A task that completes when the key set is as fresh as its rules allow for this token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled during the wait.</exception>
    public static Task WaitForKeyAsync(string? token, JwtKeySet keys, JwtValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        if (!keys.IsLive
            || JwsReader.ReadHeaderUnverified(token, options.Jws.MaxTokenLength, out JwtHeader header).Code != JwtErrorCode.None
            || !options.Jws.Allows(header.Algorithm))
        {
            return Task.CompletedTask;
        }

        return keys.WaitForKeyAsync(header.KeyId, header.Algorithm, cancellationToken);
    }

    private static Task<JwtToken> DecodeToTask(string? token, JwtKeySet keys, JwtValidationOptions options) =>
        TryDecode(token, keys, options, out JwtToken result, out JwtError error)
            ? Task.FromResult(result)
            : Task.FromException<JwtToken>(new JwtException(error));

    /// <summary>
    /// Reads the header of a token WITHOUT verifying anything else: only to choose a key by <c>kid</c>.
    /// Nothing read here may be trusted; verify the token with the chosen key afterwards.
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="header">The header, when it could be read. An unknown <c>alg</c> reads as 0.</param>
    /// <param name="error">Why it could not be read.</param>
    /// <param name="maxTokenLength">The longest token looked at.</param>
    /// <returns><see langword="true"/> when the header could be read.</returns>
    public static bool TryReadHeaderUnverified(string? token, out JwtHeader header, out JwtError error, int maxTokenLength = JwsValidationOptions.DefaultMaxTokenLength)
    {
        error = JwsReader.ReadHeaderUnverified(token, maxTokenLength, out header);
        return error.Code == JwtErrorCode.None;
    }

    // A remembered token: only the time claims are checked again, now. An expired one is forgotten.
    private static bool FromCache(JwtTokenCache cache, JwtTokenCache.Entry entry, JwtValidationOptions options, out JwtToken result, out JwtError error)
    {
        error = JwtClaimsReader.CheckTimes(entry.Claims, options);
        if (error.Code != JwtErrorCode.None)
        {
            Forget(cache, entry, error);
            result = default;
            return false;
        }

        result = new JwtToken(new JwsToken(entry.Token, entry.Layout, entry.Header), entry.Claims);
        return true;
    }

    private static void Forget(JwtTokenCache cache, JwtTokenCache.Entry entry, JwtError error)
    {
        if (error.Code == JwtErrorCode.Expired)
        {
            cache.Remove(entry);
        }
    }

    // The JSON gate on what we sign: what the decoder would refuse is never encoded.
    private static void CheckPayload(ReadOnlySpan<byte> json, string paramName)
    {
        // The usual compact payload is recognised at once; anything else goes through the full reader.
        var visitor = default(NoMemberVisitor);
        if (CompactJson.TryScan(json, 256, ref visitor))
        {
            return;
        }

        switch (StrictJson.ReadObject(json, 256, ref visitor))
        {
            case JwtErrorCode.None:
                return;
            case JwtErrorCode.DuplicateMember:
                ThrowHelper.ThrowArgument("The payload repeats a member name.", paramName);
                return;
            default:
                ThrowHelper.ThrowArgument(
                    "The payload of a JWT must be one well-formed JSON object in strict UTF-8 (no byte order mark, no lone surrogate escapes).",
                    paramName);
                return;
        }
    }
}
