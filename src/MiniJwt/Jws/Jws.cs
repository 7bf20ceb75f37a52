using System;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace MiniJwt;

/// <summary>
/// Compact JWS (RFC 7515) over an opaque payload: sign, and verify steps 1 to 6 of the decode order
/// (size, charset, split, header, allow-list, key family, signature), with no claims.
/// The JWT level (<see cref="Jwt"/>) is built on it.
/// </summary>
public static class Jws
{
    /// <summary>Returns the exact length of the token <see cref="Sign(ReadOnlySpan{byte}, JwtKey, Span{byte}, string?)"/> writes.</summary>
    /// <param name="payloadLength">The payload length in bytes.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The token length in bytes (and characters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public static int GetEncodedLength(int payloadLength, JwtKey key, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GetEncodedLength(JwsHeaderWriter.For(key, type).Length, payloadLength, key);
    }

    /// <summary>Signs <paramref name="payload"/> and writes the compact token into <paramref name="destination"/>, when it is large enough.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key; its algorithm and <c>kid</c> go to the header.</param>
    /// <param name="destination">Receives the token as ASCII bytes; size it with <see cref="GetEncodedLength(int, JwtKey, string?)"/>.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the method returns <see langword="false"/>.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns><see langword="true"/> when the token was written; <see langword="false"/> when <paramref name="destination"/> is too small.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static bool TrySign(ReadOnlySpan<byte> payload, JwtKey key, Span<byte> destination, out int bytesWritten, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TrySignCore(JwsHeaderWriter.For(key, type), payload, key, destination, out bytesWritten);
    }

    /// <summary>Signs <paramref name="payload"/> and writes the compact token into <paramref name="destination"/>.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key; its algorithm and <c>kid</c> go to the header.</param>
    /// <param name="destination">Receives the token as ASCII bytes.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small, or <paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static int Sign(ReadOnlySpan<byte> payload, JwtKey key, Span<byte> destination, string? type = null)
    {
        if (!TrySign(payload, key, destination, out int written, type))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return written;
    }

    /// <summary>Signs <paramref name="payload"/> and writes the compact token to <paramref name="writer"/>.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key.</param>
    /// <param name="writer">Receives the token as ASCII bytes.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static int Sign(ReadOnlySpan<byte> payload, JwtKey key, IBufferWriter<byte> writer, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writer);
        ReadOnlySpan<byte> header = JwsHeaderWriter.For(key, type);
        int length = GetEncodedLength(header.Length, payload.Length, key);
        if (!TrySignCore(header, payload, key, writer.GetSpan(length), out int written))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(writer));
        }

        writer.Advance(written);
        return written;
    }

    /// <summary>Signs <paramref name="payload"/> and returns the compact token.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is empty or holds an unpaired surrogate.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static string Sign(ReadOnlySpan<byte> payload, JwtKey key, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SignToString(JwsHeaderWriter.For(key, type), payload, key);
    }

    /// <summary>Verifies a compact JWS. Never throws for a bad token.</summary>
    /// <param name="token">The compact token.</param>
    /// <param name="key">The verification key; it must be bound to the token's algorithm.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryVerify([NotNullWhen(true)] string? token, JwtKey key, JwsValidationOptions options, out JwsToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = default(JwsPayloadCheck);
        error = JwsReader.Verify(token, key, options, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwsToken(token!, layout, header);
        return true;
    }

    /// <summary>Verifies a compact JWS given as ASCII bytes. Never throws for a bad token.</summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="key">The verification key; it must be bound to the token's algorithm.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryVerify(ReadOnlySpan<byte> utf8Token, JwtKey key, JwsValidationOptions options, out JwsToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = default(JwsPayloadCheck);
        error = JwsReader.Verify(utf8Token, key, options, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwsToken(System.Text.Encoding.ASCII.GetString(utf8Token), layout, header);
        return true;
    }

    /// <summary>Verifies a compact JWS, throwing when it is refused.</summary>
    /// <param name="token">The compact token.</param>
    /// <param name="key">The verification key.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <returns>The verified token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JwtException">The token is refused; <see cref="JwtException.Code"/> says why.</exception>
    public static JwsToken Verify(string? token, JwtKey key, JwsValidationOptions options)
    {
        if (!TryVerify(token, key, options, out JwsToken result, out JwtError error))
        {
            ThrowHelper.ThrowJwtException(error);
        }

        return result;
    }

    /// <summary>
    /// Verifies a compact JWS with the key of <paramref name="keys"/> its header names. Never throws for a bad token.
    /// </summary>
    /// <remarks>
    /// The header is read once: its <c>alg</c> must be in the allow-list, then the set chooses the key — with a <c>kid</c>,
    /// the one key with exactly that <c>kid</c> bound to <c>alg</c>; without, the one key bound to <c>alg</c>. No key,
    /// several keys or a set that mixes secrets with public keys refuses the token
    /// (<see cref="JwtErrorCode.KeyNotFound"/>, <see cref="JwtErrorCode.AmbiguousKey"/>, <see cref="JwtErrorCode.MixedKeySet"/>);
    /// no other key is tried. Keys in the header (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>) are never used.
    /// </remarks>
    /// <param name="token">The compact token.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryVerify([NotNullWhen(true)] string? token, JwtKeySet keys, JwsValidationOptions options, out JwsToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = default(JwsPayloadCheck);
        error = JwsReader.Verify(token, new KeySetChooser(keys), options, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwsToken(token!, layout, header);
        return true;
    }

    /// <summary>
    /// Verifies a compact JWS given as ASCII bytes with the key of <paramref name="keys"/> its header names; see
    /// <see cref="TryVerify(string?, JwtKeySet, JwsValidationOptions, out JwsToken, out JwtError)"/>. Never throws for a bad token.
    /// </summary>
    /// <param name="utf8Token">The compact token as UTF-8 (ASCII) bytes.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <param name="result">The verified token, when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the token was refused, when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when the token is valid.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public static bool TryVerify(ReadOnlySpan<byte> utf8Token, JwtKeySet keys, JwsValidationOptions options, out JwsToken result, out JwtError error)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        result = default;
        var payload = default(JwsPayloadCheck);
        error = JwsReader.Verify(utf8Token, new KeySetChooser(keys), options, ref payload, out JwsLayout layout, out JwtHeader header);
        if (error.Code != JwtErrorCode.None)
        {
            return false;
        }

        result = new JwsToken(System.Text.Encoding.ASCII.GetString(utf8Token), layout, header);
        return true;
    }

    /// <summary>
    /// Verifies a compact JWS with the key of <paramref name="keys"/> its header names, throwing when it is refused; see
    /// <see cref="TryVerify(string?, JwtKeySet, JwsValidationOptions, out JwsToken, out JwtError)"/>.
    /// </summary>
    /// <param name="token">The compact token.</param>
    /// <param name="keys">The verification keys.</param>
    /// <param name="options">The allow-list and limits.</param>
    /// <returns>The verified token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="JwtException">The token is refused; <see cref="JwtException.Code"/> says why.</exception>
    public static JwsToken Verify(string? token, JwtKeySet keys, JwsValidationOptions options)
    {
        if (!TryVerify(token, keys, options, out JwsToken result, out JwtError error))
        {
            ThrowHelper.ThrowJwtException(error);
        }

        return result;
    }

    internal static int GetEncodedLength(int headerLength, int payloadLength, JwtKey key) =>
        checked(headerLength + 1 + JwtBase64Url.GetEncodedLength(payloadLength) + 1 + JwtBase64Url.GetEncodedLength(key.SignatureSize));

    internal static string SignToString(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, JwtKey key)
    {
        int length = GetEncodedLength(header.Length, payload.Length, key);
        using PooledBuffer buffer = length <= PooledBuffer.StackLimit ? new(stackalloc byte[length]) : new(length);
        TrySignCore(header, payload, key, buffer.Span, out int written);
        return System.Text.Encoding.ASCII.GetString(buffer.Span.Slice(0, written));
    }

    /// <summary>Writes header, payload and signature into <paramref name="destination"/>; false, writing nothing, when it is too small.</summary>
    internal static bool TrySignCore(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, JwtKey key, Span<byte> destination, out int bytesWritten)
    {
        if (!key.CanSign)
        {
            ThrowHelper.ThrowCannotSign();
        }

        if (key.JwkForbidsSign)
        {
            throw new InvalidOperationException("This key's JWK key_ops do not include 'sign': it only verifies.");
        }

        bytesWritten = 0;
        int length = GetEncodedLength(header.Length, payload.Length, key);
        if (destination.Length < length)
        {
            return false;
        }

        header.CopyTo(destination);
        int position = header.Length;
        destination[position++] = (byte)'.';
        JwtBase64Url.EncodeCore(payload, destination.Slice(position));
        position += JwtBase64Url.GetEncodedLength(payload.Length);

        int size = key.SignatureSize;
        using PooledBuffer signature = size <= PooledBuffer.StackLimit ? new(stackalloc byte[size]) : new(size);
        int signed = key.Sign(destination.Slice(0, position), signature.Span);
        destination[position++] = (byte)'.';
        JwtBase64Url.EncodeCore(signature.Span.Slice(0, signed), destination.Slice(position));
        bytesWritten = position + JwtBase64Url.GetEncodedLength(signed);
        return true;
    }
}
