using System;

namespace MiniJwt;

/// <summary>
/// Strict Base64Url (RFC 4648 §5) without padding, as JWS compact serialization uses it (RFC 7515 §2).
/// </summary>
/// <remarks>
/// <para>Decoding is strict: it rejects padding (<c>=</c>), the <c>+</c> and <c>/</c> characters of plain Base64,
/// whitespace, a length that leaves a single character over (length ≡ 1 mod 4), and non-canonical
/// trailing bits (so every byte string has exactly one accepted encoding).</para>
/// <para>The <c>Try</c> methods return <see langword="false"/> for invalid input and for a destination that is too
/// small, and never throw for either; the other forms wrap them and throw. No method writes past the bytes or
/// characters it reports: a decoder that fails has written at most a prefix of the decoded bytes, never at or past
/// <see cref="GetDecodedLength(int)"/> of its input.</para>
/// </remarks>
public static partial class JwtBase64Url
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
        if (!TryEncodeToUtf8(source, destination, out int bytesWritten))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return bytesWritten;
    }

    /// <summary>Tries to encode <paramref name="source"/> as Base64Url UTF-8 bytes into <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Receives the encoded text; must hold <see cref="GetEncodedLength(int)"/> bytes.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="true"/> when the text was written; <see langword="false"/>, with nothing written, when <paramref name="destination"/> is too small.</returns>
    public static bool TryEncodeToUtf8(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        int length = EncodedLengthOrMinusOne(source.Length);
        if ((uint)destination.Length < (uint)length)
        {
            bytesWritten = 0;
            return false;
        }

        EncodeCore(source, destination.Slice(0, length));
        bytesWritten = length;
        return true;
    }

    /// <summary>Encodes <paramref name="source"/> as Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Receives the encoded text; must hold <see cref="GetEncodedLength(int)"/> characters.</param>
    /// <returns>The number of characters written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int EncodeToChars(ReadOnlySpan<byte> source, Span<char> destination)
    {
        if (!TryEncodeToChars(source, destination, out int charsWritten))
        {
            ThrowHelper.ThrowDestinationTooSmall(nameof(destination));
        }

        return charsWritten;
    }

    /// <summary>Tries to encode <paramref name="source"/> as Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The bytes to encode.</param>
    /// <param name="destination">Receives the encoded text; must hold <see cref="GetEncodedLength(int)"/> characters.</param>
    /// <param name="charsWritten">The number of characters written; 0 when <paramref name="destination"/> is too small.</param>
    /// <returns><see langword="true"/> when the text was written; <see langword="false"/>, with nothing written, when <paramref name="destination"/> is too small.</returns>
    public static bool TryEncodeToChars(ReadOnlySpan<byte> source, Span<char> destination, out int charsWritten)
    {
        int length = EncodedLengthOrMinusOne(source.Length);
        if ((uint)destination.Length < (uint)length)
        {
            charsWritten = 0;
            return false;
        }

        EncodeCharsCore(source, destination.Slice(0, length));
        charsWritten = length;
        return true;
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
            EncodeCharsCore(source, buffer.Slice(0, length));
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

    /// <summary>Tries to decode strict Base64Url UTF-8 text into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the method returns <see langword="false"/>.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="source"/> is a valid, canonical encoding and <paramref name="destination"/>
    /// holds its bytes; <see langword="false"/> when the input is invalid or <paramref name="destination"/> is too small.
    /// </returns>
    /// <remarks>Nothing in <paramref name="destination"/> past <paramref name="bytesWritten"/> changes when the method returns
    /// <see langword="true"/>, nothing at all when the destination is too small; for invalid input a prefix of the decoded bytes
    /// may have been written.</remarks>
    public static bool TryDecodeFromUtf8(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        int length = GetDecodedLength(source.Length);
        if (length < 0 || destination.Length < length || !DecodeCore(source, destination.Slice(0, length)))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Tries to decode strict Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <param name="bytesWritten">The number of bytes written; 0 when the method returns <see langword="false"/>.</param>
    /// <returns>
    /// <see langword="true"/> when <paramref name="source"/> is a valid, canonical encoding and <paramref name="destination"/>
    /// holds its bytes; <see langword="false"/> when the input is invalid or <paramref name="destination"/> is too small.
    /// </returns>
    /// <remarks>Nothing in <paramref name="destination"/> past <paramref name="bytesWritten"/> changes when the method returns
    /// <see langword="true"/>, nothing at all when the destination is too small; for invalid input a prefix of the decoded bytes
    /// may have been written.</remarks>
    public static bool TryDecodeFromChars(ReadOnlySpan<char> source, Span<byte> destination, out int bytesWritten)
    {
        int length = GetDecodedLength(source.Length);
        if (length < 0 || destination.Length < length || !DecodeCharsCore(source, destination.Slice(0, length)))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Decodes strict Base64Url UTF-8 text into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="FormatException"><paramref name="source"/> is not a valid, canonical Base64Url encoding.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int DecodeFromUtf8(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int length = DecodedLengthOrThrow(source.Length, destination.Length);
        if (!DecodeCore(source, destination.Slice(0, length)))
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return length;
    }

    /// <summary>Decodes strict Base64Url characters into <paramref name="destination"/>.</summary>
    /// <param name="source">The encoded text.</param>
    /// <param name="destination">Receives the decoded bytes; must hold <see cref="GetDecodedLength(int)"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="FormatException"><paramref name="source"/> is not a valid, canonical Base64Url encoding.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int DecodeFromChars(ReadOnlySpan<char> source, Span<byte> destination)
    {
        int length = DecodedLengthOrThrow(source.Length, destination.Length);
        if (!DecodeCharsCore(source, destination.Slice(0, length)))
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return length;
    }

    /// <summary>Decodes strict Base64Url UTF-8 text into a new array.</summary>
    /// <param name="source">The encoded text, as UTF-8 bytes.</param>
    /// <returns>The decoded bytes.</returns>
    /// <exception cref="FormatException"><paramref name="source"/> is not a valid, canonical Base64Url encoding.</exception>
    public static byte[] DecodeFromUtf8(ReadOnlySpan<byte> source)
    {
        byte[] result = AllocateDecoded(source.Length);
        if (!DecodeCore(source, result))
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
        if (!DecodeCharsCore(source, result))
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

    // The encoded length, or -1 when it would not fit an int (no span can hold it).
    private static int EncodedLengthOrMinusOne(int byteCount) =>
        (uint)byteCount > 1_610_612_735u ? -1 : (int)((((long)byteCount * 4) + 2) / 3);

    // The decoded length for the throwing span decoders: FormatException for a length no valid encoding has,
    // ArgumentException for a destination too small for a valid one.
    private static int DecodedLengthOrThrow(int sourceLength, int destinationLength)
    {
        int length = GetDecodedLength(sourceLength);
        if (length < 0)
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        if (destinationLength < length)
        {
            ThrowHelper.ThrowDestinationTooSmall("destination");
        }

        return length;
    }

    // Encodes characters in chunks of whole 3-byte groups through a byte buffer, then widens to UTF-16.
    private static void EncodeCharsCore(ReadOnlySpan<byte> source, Span<char> destination)
    {
        const int ChunkBytes = 768;
        Span<byte> chunk = stackalloc byte[GetEncodedLength(Math.Min(source.Length, ChunkBytes))];
        int written = 0;
        while (!source.IsEmpty)
        {
            int take = Math.Min(source.Length, ChunkBytes);
            int produced = GetEncodedLength(take);
            EncodeCore(source.Slice(0, take), chunk.Slice(0, produced));
            System.Text.Ascii.ToUtf16(chunk.Slice(0, produced), destination.Slice(written), out _);
            written += produced;
            source = source.Slice(take);
        }
    }

    // Narrows in chunks of whole 4-character groups (a non-ASCII character is invalid), then decodes;
    // destination is exactly the decoded length.
    private static bool DecodeCharsCore(ReadOnlySpan<char> source, Span<byte> destination)
    {
        const int ChunkChars = 1024;
        Span<byte> chunk = stackalloc byte[Math.Min(source.Length, ChunkChars)];
        int written = 0;
        while (!source.IsEmpty)
        {
            int take = Math.Min(source.Length, ChunkChars);
            int produced = GetDecodedLength(take);
            if (System.Text.Ascii.FromUtf16(source.Slice(0, take), chunk, out _) != System.Buffers.OperationStatus.Done
                || !DecodeCore(chunk.Slice(0, take), destination.Slice(written, produced)))
            {
                return false;
            }

            written += produced;
            source = source.Slice(take);
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

    /// <summary>
    /// Decodes <paramref name="source"/> into the start of <paramref name="destination"/>; false for invalid input or a
    /// destination shorter than <see cref="GetDecodedLength(int)"/>. Writes nothing past the decoded length.
    /// </summary>
    internal static bool DecodeCore(ReadOnlySpan<byte> source, Span<byte> destination, out int bytesWritten)
    {
        int length = GetDecodedLength(source.Length);
        if (length < 0 || destination.Length < length || !DecodeCore(source, destination.Slice(0, length)))
        {
            bytesWritten = 0;
            return false;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>
    /// Decodes <paramref name="source"/> into <paramref name="destination"/>, which must be exactly
    /// <see cref="GetDecodedLength(int)"/> long (false otherwise). Writes nowhere else.
    /// </summary>
    internal static bool DecodeCore(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (GetDecodedLength(source.Length) != destination.Length)
        {
            return false;
        }

        byte[] map = s_decodeMap;
        int i = DecodeVector(source, destination, out bool invalid);
        if (invalid)
        {
            return false;
        }

        int o = (i / 4) * 3;
        while (source.Length - i >= 4)
        {
            int a = map[source[i]], b = map[source[i + 1]], c = map[source[i + 2]], d = map[source[i + 3]];
            if ((a | b | c | d) == 0xFF)
            {
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

        return source.Length == i || DecodeTail(source.Slice(i), destination.Slice(o));
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
