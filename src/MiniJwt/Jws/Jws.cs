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

    /// <summary>Signs <paramref name="payload"/> and writes the compact token into <paramref name="destination"/>.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key; its algorithm and <c>kid</c> go to the header.</param>
    /// <param name="destination">Receives the token as ASCII bytes.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static int Sign(ReadOnlySpan<byte> payload, JwtKey key, Span<byte> destination, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SignCore(JwsHeaderWriter.For(key, type), payload, key, destination);
    }

    /// <summary>Signs <paramref name="payload"/> and writes the compact token to <paramref name="writer"/>.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key.</param>
    /// <param name="writer">Receives the token as ASCII bytes.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="key"/> is a public key and cannot sign.</exception>
    public static int Sign(ReadOnlySpan<byte> payload, JwtKey key, IBufferWriter<byte> writer, string? type = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(writer);
        ReadOnlySpan<byte> header = JwsHeaderWriter.For(key, type);
        int length = GetEncodedLength(header.Length, payload.Length, key);
        int written = SignCore(header, payload, key, writer.GetSpan(length));
        writer.Advance(written);
        return written;
    }

    /// <summary>Signs <paramref name="payload"/> and returns the compact token.</summary>
    /// <param name="payload">The payload, any bytes (the empty payload included, as RFC 7515 allows).</param>
    /// <param name="key">The signing key.</param>
    /// <param name="type">The <c>typ</c> header, or <see langword="null"/> for none.</param>
    /// <returns>The compact token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
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
        error = TokenVerifier.Verify(token, key, options, null, out JwsLayout layout, out JwtHeader header, out _);
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
        error = TokenVerifier.Verify(utf8Token, key, options, null, out JwsLayout layout, out JwtHeader header, out _);
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

    internal static int GetEncodedLength(int headerLength, int payloadLength, JwtKey key) =>
        checked(headerLength + 1 + JwtBase64Url.GetEncodedLength(payloadLength) + 1 + JwtBase64Url.GetEncodedLength(key.SignatureSize));

    internal static string SignToString(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, JwtKey key)
    {
        int length = GetEncodedLength(header.Length, payload.Length, key);
        byte[]? rented = null;
        Span<byte> buffer = length <= 2048 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            int written = SignCore(header, payload, key, buffer);
            return System.Text.Encoding.ASCII.GetString(buffer.Slice(0, written));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    internal static int SignCore(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload, JwtKey key, Span<byte> destination)
    {
        if (!key.CanSign)
        {
            ThrowHelper.ThrowCannotSign();
        }

        if (key.JwkForbidsSign)
        {
            throw new InvalidOperationException("This key's JWK key_ops do not include 'sign': it only verifies.");
        }

        int length = GetEncodedLength(header.Length, payload.Length, key);
        if (destination.Length < length)
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        header.CopyTo(destination);
        int position = header.Length;
        destination[position++] = (byte)'.';
        JwtBase64Url.EncodeCore(payload, destination.Slice(position));
        position += JwtBase64Url.GetEncodedLength(payload.Length);

        int size = key.SignatureSize;
        byte[]? rented = null;
        Span<byte> signature = size <= 512 ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            int signed = key.Sign(destination.Slice(0, position), signature);
            destination[position++] = (byte)'.';
            JwtBase64Url.EncodeCore(signature.Slice(0, signed), destination.Slice(position));
            return position + JwtBase64Url.GetEncodedLength(signed);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
