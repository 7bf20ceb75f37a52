using System;
using System.Runtime.InteropServices;

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
internal static partial class JwtBase64Url
{
    private static ReadOnlySpan<byte> EncodeMap => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8;

    // Character → 6-bit value; 0xFF marks a byte outside the alphabet.
    private static ReadOnlySpan<byte> DecodeMap =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3E, 0xFF, 0xFF,
        0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
        0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F,
        0xFF, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
        0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ];

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

        // The text goes straight into a new string that nothing else has seen yet (what string.Create does; its
        // callback cannot take a span on net8.0).
        string result = new('\0', length);
        EncodeCharsCore(source, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(result.AsSpan()), length));
        return result;
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

        ReadOnlySpan<byte> map = DecodeMap;
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

    private static byte[] AllocateDecoded(int encodedLength)
    {
        int length = GetDecodedLength(encodedLength);
        if (length < 0)
        {
            ThrowHelper.ThrowInvalidBase64Url();
        }

        return new byte[length];
    }

    /// <summary>Encodes <paramref name="source"/> into the start of <paramref name="destination"/>, which holds at least <see cref="GetEncodedLength(int)"/> bytes; writes nothing past them.</summary>
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

    // As EncodeCore, into UTF-16 characters.
    private static void EncodeCharsCore(ReadOnlySpan<byte> source, Span<char> destination)
    {
        ReadOnlySpan<byte> map = EncodeMap;
        int i = EncodeVector(source, destination);
        int o = (i / 3) * 4;
        while (source.Length - i >= 3)
        {
            int v = (source[i] << 16) | (source[i + 1] << 8) | source[i + 2];
            destination[o] = (char)map[v >> 18];
            destination[o + 1] = (char)map[(v >> 12) & 63];
            destination[o + 2] = (char)map[(v >> 6) & 63];
            destination[o + 3] = (char)map[v & 63];
            i += 3;
            o += 4;
        }

        int rest = source.Length - i;
        if (rest == 1)
        {
            int v = source[i];
            destination[o] = (char)map[v >> 2];
            destination[o + 1] = (char)map[(v & 3) << 4];
        }
        else if (rest == 2)
        {
            int v = (source[i] << 8) | source[i + 1];
            destination[o] = (char)map[v >> 10];
            destination[o + 1] = (char)map[(v >> 4) & 63];
            destination[o + 2] = (char)map[(v & 15) << 2];
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

        int i = DecodeVector(source, destination);
        if (i < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> map = DecodeMap;
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

        return (source.Length - i) switch
        {
            0 => true,
            2 => DecodeTail(map[source[i]], map[source[i + 1]], destination.Slice(o)),
            _ => DecodeTail(map[source[i]], map[source[i + 1]], map[source[i + 2]], destination.Slice(o)),
        };
    }

    // As DecodeCore for UTF-16 text; destination is exactly the decoded length.
    private static bool DecodeCharsCore(ReadOnlySpan<char> source, Span<byte> destination)
    {
        if (GetDecodedLength(source.Length) != destination.Length)
        {
            return false;
        }

        int i = DecodeVector(source, destination);
        if (i < 0)
        {
            return false;
        }

        ReadOnlySpan<byte> map = DecodeMap;
        int o = (i / 4) * 3;
        while (source.Length - i >= 4)
        {
            char w = source[i], x = source[i + 1], y = source[i + 2], z = source[i + 3];
            if ((w | x | y | z) > 0xFF)
            {
                return false;
            }

            int a = map[w], b = map[x], c = map[y], d = map[z];
            if ((a | b | c | d) == 0xFF)
            {
                return false;
            }

            int v = (a << 18) | (b << 12) | (c << 6) | d;
            destination[o] = (byte)(v >> 16);
            destination[o + 1] = unchecked((byte)(v >> 8));
            destination[o + 2] = unchecked((byte)v);
            i += 4;
            o += 3;
        }

        int rest = source.Length - i;
        if (rest == 0)
        {
            return true;
        }

        if ((source[i] | source[i + 1] | (rest == 3 ? source[i + 2] : 0)) > 0xFF)
        {
            return false;
        }

        return rest == 2
            ? DecodeTail(map[source[i]], map[source[i + 1]], destination.Slice(o))
            : DecodeTail(map[source[i]], map[source[i + 1]], map[source[i + 2]], destination.Slice(o));
    }

    // The last 2 characters (one byte); the 4 bits past it must be zero.
    private static bool DecodeTail(int a, int b, Span<byte> destination)
    {
        if ((a | b) == 0xFF || (b & 15) != 0)
        {
            return false;
        }

        destination[0] = (byte)((a << 2) | (b >> 4));
        return true;
    }

    // The last 3 characters (two bytes); the 2 bits past them must be zero.
    private static bool DecodeTail(int a, int b, int c, Span<byte> destination)
    {
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
        ReadOnlySpan<byte> map = DecodeMap;
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
