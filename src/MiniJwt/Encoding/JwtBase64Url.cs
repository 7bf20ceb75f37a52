using System;

namespace MiniJwt;

/// <summary>
/// Strict Base64Url (RFC 4648 §5) without padding, as JWS compact serialization uses it (RFC 7515 §2).
/// </summary>
/// <remarks>
/// <para>Decoding is strict: it rejects padding (<c>=</c>), the <c>+</c> and <c>/</c> characters of plain Base64,
/// whitespace, a length that leaves a single character over (length ≡ 1 mod 4), and non-canonical
/// trailing bits (so every byte string has exactly one accepted encoding).</para>
/// <para>The <c>Try</c> decoders return <see langword="false"/> for invalid input and never throw for it;
/// a destination that is too small is a caller mistake and throws <see cref="ArgumentException"/>.</para>
/// </remarks>
internal static partial class JwtBase64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static ReadOnlySpan<byte> EncodeMap => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8;

    // 0xFF marks a byte outside the alphabet.
    private static readonly byte[] s_decodeMap = BuildDecodeMap();

    private static byte[] BuildDecodeMap()
    {
        byte[] map = new byte[256];
        map.AsSpan().Fill(0xFF);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            map[Alphabet[i]] = (byte)i;
        }

        return map;
    }

    /// <summary>Returns the number of characters the encoding of <paramref name="byteCount"/> bytes takes.</summary>
    /// <param name="byteCount">The number of bytes to encode.</param>
    /// <returns>The exact encoded length, without padding.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteCount"/> is negative or its encoding would exceed <see cref="int.MaxValue"/>.</exception>
    public static int GetEncodedLength(int byteCount)
    {
        // The largest count whose encoding fits an int: floor((2^31 - 1) * 3 / 4).
        if (unchecked((uint)byteCount) > 1_610_612_735u)
        {
            throw new ArgumentOutOfRangeException(nameof(byteCount));
        }

        return (int)((((long)byteCount * 4) + 2) / 3);
    }

    /// <summary>
    /// Returns the number of bytes that a valid encoding of <paramref name="length"/> characters decodes to,
    /// or -1 when no valid encoding has that length (length ≡ 1 mod 4).
    /// </summary>
    /// <param name="length">The number of encoded characters.</param>
    /// <returns>The exact decoded length, or -1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public static int GetDecodedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((length & 3) == 1)
        {
            return -1;
        }

        return (int)(((long)length * 3) >> 2);
    }

    /// <summary>Encodes <paramref name="source"/> as Base64Url UTF-8 bytes into <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Receives the encoded text; must hold <see cref="GetEncodedLength(int)"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int EncodeToUtf8(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int length = GetEncodedLength(source.Length);
        if (destination.Length < length)
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        EncodeCore(source, destination);
        return length;
    }

    /// <summary>Encodes <paramref name="source"/> as Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Receives the encoded text; must hold <see cref="GetEncodedLength(int)"/> characters.</param>
    /// <returns>The number of characters written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int EncodeToChars(ReadOnlySpan<byte> source, Span<char> destination)
    {
        int length = GetEncodedLength(source.Length);
        if (destination.Length < length)
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        // Encode in chunks of whole 3-byte groups into a byte buffer, then widen to UTF-16.
        const int ChunkBytes = 768;
        Span<byte> chunk = stackalloc byte[GetEncodedLength(Math.Min(source.Length, ChunkBytes))];
        int written = 0;
        while (!source.IsEmpty)
        {
            int take = Math.Min(source.Length, ChunkBytes);
            int produced = GetEncodedLength(take);
            EncodeCore(source.Slice(0, take), chunk);
            System.Text.Ascii.ToUtf16(chunk.Slice(0, produced), destination.Slice(written), out _);
            written += produced;
            source = source.Slice(take);
        }

        return length;
    }

    /// <summary>Encodes <paramref name="source"/> as a Base64Url string.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <returns>The encoded text, without padding.</returns>
    public static string EncodeToString(ReadOnlySpan<byte> source)
    {
        int length = GetEncodedLength(source.Length);
        if (length == 0)
        {
            return string.Empty;
        }

        char[]? rented = null;
        Span<char> buffer = length <= 512 ? stackalloc char[length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(length));
        try
        {
            EncodeToChars(source, buffer);
            return new string(buffer.Slice(0, length));
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encodes <paramref name="source"/> as Base64Url UTF-8 bytes in a new array.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <returns>The encoded text as UTF-8 (ASCII) bytes.</returns>
    public static byte[] EncodeToUtf8(ReadOnlySpan<byte> source)
    {
        byte[] result = new byte[GetEncodedLength(source.Length)];
        EncodeCore(source, result);
        return result;
    }

    /// <summary>Decodes strict Base64Url UTF-8 text into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the input is invalid.</param>
    /// <returns><see langword="true"/> when <paramref name="source"/> is a valid, canonical encoding; otherwise <see langword="false"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small for a valid input of this length.</exception>
    public static bool TryDecodeFromUtf8(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        if (!CanDecode(source.Length, destination.Length))
        {
            bytesWritten = 0;
            return false;
        }

        return DecodeCore(source, destination, out bytesWritten);
    }

    /// <summary>Decodes strict Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the input is invalid.</param>
    /// <returns><see langword="true"/> when <paramref name="source"/> is a valid, canonical encoding; otherwise <see langword="false"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small for a valid input of this length.</exception>
    public static bool TryDecodeFromChars(ReadOnlySpan<char> source, Span<byte> destination, out int bytesWritten)
    {
        if (!CanDecode(source.Length, destination.Length))
        {
            bytesWritten = 0;
            return false;
        }

        // Narrow in chunks of whole 4-character groups (a non-ASCII character is invalid), then decode.
        const int ChunkChars = 1024;
        Span<byte> chunk = stackalloc byte[Math.Min(source.Length, ChunkChars)];
        int written = 0;
        while (!source.IsEmpty)
        {
            int take = Math.Min(source.Length, ChunkChars);
            if (System.Text.Ascii.FromUtf16(source.Slice(0, take), chunk, out _) != System.Buffers.OperationStatus.Done
                || !DecodeCore(chunk.Slice(0, take), destination.Slice(written), out int produced))
            {
                bytesWritten = 0;
                return false;
            }

            written += produced;
            source = source.Slice(take);
        }

        bytesWritten = written;
        return true;
    }

    /// <summary>Decodes strict Base64Url UTF-8 text into a new array.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <returns>The decoded bytes.</returns>
    /// <exception cref="FormatException"><paramref name="source"/> is not a valid, canonical Base64Url encoding.</exception>
    public static byte[] DecodeFromUtf8(ReadOnlySpan<byte> source)
    {
        byte[] result = AllocateDecoded(source.Length);
        if (!DecodeCore(source, result, out _))
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return result;
    }

    /// <summary>Decodes a strict Base64Url string into a new array.</summary>
    /// <param name="source">The encoded text.</param>
    /// <returns>The decoded bytes.</returns>
    /// <exception cref="FormatException"><paramref name="source"/> is not a valid, canonical Base64Url encoding.</exception>
    public static byte[] DecodeFromChars(ReadOnlySpan<char> source)
    {
        byte[] result = AllocateDecoded(source.Length);
        if (!TryDecodeFromChars(source, result, out _))
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return result;
    }

    /// <summary>Tells whether <paramref name="source"/> is a valid, canonical Base64Url encoding.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <returns><see langword="true"/> when a strict decoder accepts it.</returns>
    public static bool IsValid(ReadOnlySpan<byte> source)
    {
        int length = GetDecodedLength(source.Length);
        if (length < 0)
        {
            return false;
        }

        byte[] map = s_decodeMap;
        for (int i = 0; i < source.Length; i++)
        {
            if (map[source[i]] == 0xFF)
            {
                return false;
            }
        }

        return HasCanonicalTail(source);
    }

    // False for a length no valid encoding has; a destination too small for a valid one is a caller mistake.
    private static bool CanDecode(int sourceLength, int destinationLength)
    {
        int length = GetDecodedLength(sourceLength);
        if (length < 0)
        {
            return false;
        }

        if (destinationLength < length)
        {
            ThrowHelper.ThrowDestinationTooSmall("destination");
        }

        return true;
    }

    private static byte[] AllocateDecoded(int encodedLength)
    {
        int length = GetDecodedLength(encodedLength);
        if (length < 0)
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return new byte[length];
    }

    internal static void EncodeCore(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<byte> map = EncodeMap;
        int i = EncodeVector(source, destination);
        int o = (i / 3) * 4;
        while (source.Length - i >= 3)
        {
            int v = (source[i] << 16) | (source[i + 1] << 8) | source[i + 2];
            destination[o] = map[v >> 18];
            destination[o + 1] = map[(v >> 12) & 63];
            destination[o + 2] = map[(v >> 6) & 63];
            destination[o + 3] = map[v & 63];
            i += 3;
            o += 4;
        }

        int rest = source.Length - i;
        if (rest == 1)
        {
            int v = source[i];
            destination[o] = map[v >> 2];
            destination[o + 1] = map[(v & 3) << 4];
        }
        else if (rest == 2)
        {
            int v = (source[i] << 8) | source[i + 1];
            destination[o] = map[v >> 10];
            destination[o + 1] = map[(v >> 4) & 63];
            destination[o + 2] = map[(v & 15) << 2];
        }
    }

    /// <summary>Decodes; the caller has checked the length (not ≡ 1 mod 4) and the destination size.</summary>
    internal static bool DecodeCore(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        byte[] map = s_decodeMap;
        int i = DecodeVector(source, destination, out bool invalid);
        if (invalid)
        {
            bytesWritten = 0;
            return false;
        }

        int o = (i / 4) * 3;
        while (source.Length - i >= 4)
        {
            int a = map[source[i]], b = map[source[i + 1]], c = map[source[i + 2]], d = map[source[i + 3]];
            if ((a | b | c | d) == 0xFF)
            {
                bytesWritten = 0;
                return false;
            }

            int v = (a << 18) | (b << 12) | (c << 6) | d;
            // The casts keep the low byte on purpose: unchecked, also where the including project checks arithmetic.
            destination[o] = (byte)(v >> 16);
            destination[o + 1] = unchecked((byte)(v >> 8));
            destination[o + 2] = unchecked((byte)v);
            i += 4;
            o += 3;
        }

        int rest = source.Length - i;
        if (rest != 0)
        {
            if (!DecodeTail(source.Slice(i), destination.Slice(o)))
            {
                bytesWritten = 0;
                return false;
            }

            o += rest - 1;
        }

        bytesWritten = o;
        return true;
    }

    // Decodes the last 2 or 3 characters; the bits past the last whole byte must be zero.
    private static bool DecodeTail(ReadOnlySpan<byte> tail, Span<byte> destination)
    {
        byte[] map = s_decodeMap;
        int a = map[tail[0]], b = map[tail[1]];
        if (tail.Length == 2)
        {
            if ((a | b) == 0xFF || (b & 15) != 0)
            {
                return false;
            }

            destination[0] = (byte)((a << 2) | (b >> 4));
            return true;
        }

        int c = map[tail[2]];
        if ((a | b | c) == 0xFF || (c & 3) != 0)
        {
            return false;
        }

        int v = (a << 12) | (b << 6) | c;
        destination[0] = (byte)(v >> 10);
        destination[1] = unchecked((byte)(v >> 2));
        return true;
    }

    private static bool HasCanonicalTail(ReadOnlySpan<byte> source)
    {
        byte[] map = s_decodeMap;
        switch (source.Length & 3)
        {
            case 2:
                return (map[source[^1]] & 15) == 0;
            case 3:
                return (map[source[^1]] & 3) == 0;
            default:
                return true;
        }
    }
}
