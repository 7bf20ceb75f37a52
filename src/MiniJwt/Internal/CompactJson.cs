using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MiniJwt;

/// <summary>
/// A fast path beside <see cref="StrictJson"/> for the payloads tokens usually carry: one compact object (no whitespace
/// anywhere) of unique member names, whose values are strings of printable ASCII without escapes, numbers, <c>true</c>,
/// <c>false</c>, <c>null</c>, or arrays and objects of these, nested within the depth allowed, every object's names
/// unique. It only ever says "yes" (having shown each top-level member to a visitor) or "not sure": whatever it does not recognise
/// (whitespace, escapes, non-ASCII, nesting deeper than <see cref="MaxNesting"/>, more names in one object than it
/// holds, a repeated name, anything invalid) sends the caller to <see cref="StrictJson"/>, which decides and says why.
/// So it accepts a subset of what <see cref="StrictJson"/> accepts and refuses nothing itself: the strictness, and
/// every error, stay <see cref="StrictJson"/>'s.
/// </summary>
internal static class CompactJson
{
    /// <summary>The most top-level members the fast path takes; an object with more goes to the full reader.</summary>
    public const int MaxMembers = 32;

    /// <summary>The deepest nesting the fast path follows (the top-level object is 1); deeper goes to the full reader.</summary>
    public const int MaxNesting = 8;

    // The most names a nested object may hold on the fast path (at most CompactJsonNames' length).
    private const int MaxNestedNames = 24;

    // 1 for printable ASCII except the quote and the backslash: the bytes of a string that needs no unescaping.
    // A table walked byte by byte: the strings of a claim set are short, where a vector search costs more to set up.
    private static ReadOnlySpan<byte> Plain =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// Scans <paramref name="json"/> when it is a compact object as described above, showing each top-level member to
    /// <paramref name="visitor"/> as it is found; <see langword="false"/> when it is not (or not surely), or when the
    /// visitor gives up, and the caller must read it with <see cref="StrictJson"/>. The visitor may have seen members of
    /// an object that then turns out to be one the fast path does not take: its verdict counts only when this returns
    /// <see langword="true"/>.
    /// </summary>
    /// <typeparam name="TVisitor">The visitor, a struct so that its calls are direct.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <param name="maxDepth">The depth the full reader would allow: an array or object inside the top-level object needs 2.</param>
    /// <param name="visitor">Sees each top-level member, in order.</param>
    public static bool TryScan<TVisitor>(ReadOnlySpan<byte> json, int maxDepth, ref TVisitor visitor)
        where TVisitor : struct, ICompactJsonVisitor
    {
        int n = json.Length;
        if (n < 2 || json[0] != (byte)'{')
        {
            return false;
        }

        if (json[1] == (byte)'}')
        {
            return n == 2;
        }

        // An inline array rather than stackalloc: a method without stackalloc is compiled again with the profile of its
        // first calls (tiered PGO), which lays out this one's branches for the usual payloads.
        CompactJsonNames names = default;
        ulong seen = 0;
        int count = 0;
        int i = 1;
        CompactJsonMember member = default;
        while (true)
        {
            if (count == MaxMembers || json[i] != (byte)'"')
            {
                return false;
            }

            int nameStart = i + 1;
            int nameEnd = ScanString(json, nameStart);

            // The colon, and a byte after it for the value to start on.
            if (nameEnd < 0 || nameEnd + 2 >= n || json[nameEnd + 1] != (byte)':')
            {
                return false;
            }

            if (!AddName(json, nameStart, nameEnd, ref seen, names, count))
            {
                return false;
            }

            member.NameStart = nameStart;
            member.NameLength = nameEnd - nameStart;
            member.ValueStart = nameEnd + 2;
            i = ScanValue(json, nameEnd + 2, 2, maxDepth, out member.Kind, out member.Integer);
            if (i < 0)
            {
                return false;
            }

            member.ValueEnd = i;
            count++;
            if (!visitor.Visit(json, in member))
            {
                return false;
            }

            // i < n after any value: a value's scan stops only on a byte that may follow it.
            byte next = json[i++];
            if (next == (byte)'}')
            {
                return i == n;
            }

            if (next != (byte)',' || i >= n)
            {
                return false;
            }
        }
    }

    // Records the name between start and end as the count-th of its object, or returns false when it repeats an earlier
    // one. The names seen so far: a 64-bit filter of their fingerprints (seen), and a slot each holding its fingerprint
    // and where it starts, so that a repeated name costs a full comparison only when its fingerprint's bit is already set
    // and the fingerprints are equal. A name on the fast path holds no quote or escape: the first quote after its start ends it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AddName(ReadOnlySpan<byte> json, int start, int end, ref ulong seen, Span<ulong> names, int count)
    {
        ReadOnlySpan<byte> name = json.Slice(start, end - start);
        uint print = Fingerprint(name);
        ulong bit = 1ul << (int)(print >> 26);
        if ((seen & bit) != 0)
        {
            for (int j = 0; j < count; j++)
            {
                ulong slot = names[j];
                if ((uint)(slot >> 32) == print)
                {
                    ReadOnlySpan<byte> earlier = json.Slice((int)(slot & uint.MaxValue));
                    if (name.SequenceEqual(earlier.Slice(0, earlier.IndexOf((byte)'"'))))
                    {
                        return false;
                    }
                }
            }
        }

        seen |= bit;
        names[count] = ((ulong)print << 32) | (uint)start;
        return true;
    }

    // A name's fingerprint: a multiplicative hash of its length, first and last two bytes. The top 6 bits pick its filter bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Fingerprint(ReadOnlySpan<byte> name)
    {
        uint mixed = (uint)name.Length;
        if (name.Length > 0)
        {
            mixed |= ((uint)name[0] << 8) | ((uint)name[^1] << 16) | ((uint)name[name.Length / 2] << 24);
        }

        return unchecked(mixed * 0x9E3779B1u);
    }

    // The index of the closing quote of a plain string whose characters start at start, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanString(ReadOnlySpan<byte> json, int start)
    {
        if (start >= json.Length)
        {
            return -1;
        }

        int i = start;
        if (Vector128.IsHardwareAccelerated)
        {
            // 16 bytes at a time while they lie within the text: stop at the first that is not plain.
            ref byte text = ref MemoryMarshal.GetReference(json);
            while (json.Length - i >= Vector128<byte>.Count)
            {
                Vector128<byte> chunk = Vector128.LoadUnsafe(ref text, (nuint)i);
                Vector128<byte> stop = Vector128.GreaterThan(chunk - Vector128.Create((byte)0x20), Vector128.Create((byte)0x5E))
                    | Vector128.Equals(chunk, Vector128.Create((byte)'"'))
                    | Vector128.Equals(chunk, Vector128.Create((byte)'\\'));
                uint mask = stop.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    i += BitOperations.TrailingZeroCount(mask);
                    return json[i] == (byte)'"' ? i : -1;
                }

                i += Vector128<byte>.Count;
            }
        }

        ReadOnlySpan<byte> plain = Plain;
        while (i < json.Length && plain[json[i]] != 0)
        {
            i++;
        }

        return i < json.Length && json[i] == (byte)'"' ? i : -1;
    }

    // One value at i, at nesting level `level` were it a container (the top-level object is 1): the index of the byte
    // after it, which exists (a value is never the last byte of an object), or -1. Positions are returned rather than
    // passed by reference so that they stay in registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanValue(ReadOnlySpan<byte> json, int i, int level, int maxDepth, out CompactJsonKind kind, out long integer)
    {
        integer = 0;
        switch (json[i])
        {
            case (byte)'"':
                kind = CompactJsonKind.String;
                int end = ScanString(json, i + 1);
                return end > 0 && end + 1 < json.Length ? end + 1 : -1;
            case (byte)'t':
                kind = CompactJsonKind.True;
                return ScanLiteral(json, i, "true"u8);
            case (byte)'f':
                kind = CompactJsonKind.False;
                return ScanLiteral(json, i, "false"u8);
            case (byte)'n':
                kind = CompactJsonKind.Null;
                return ScanLiteral(json, i, "null"u8);
            case (byte)'[':
                kind = CompactJsonKind.StringArray;
                return level <= maxDepth && level <= MaxNesting ? ScanArray(json, i, level, maxDepth, out kind) : -1;
            case (byte)'{':
                kind = CompactJsonKind.Nested;
                return level <= maxDepth && level <= MaxNesting ? ScanObject(json, i, level, maxDepth) : -1;
            default:
                return ScanNumber(json, i, out kind, out integer);
        }
    }

    // An array at i ('['): the index after it, or -1.
    private static int ScanArray(ReadOnlySpan<byte> json, int i, int level, int maxDepth, out CompactJsonKind kind)
    {
        kind = CompactJsonKind.StringArray;
        int n = json.Length;
        i++;
        if (i < n && json[i] == (byte)']')
        {
            i++;
            return i < n ? i : -1;
        }

        while (i < n)
        {
            i = ScanValue(json, i, level + 1, maxDepth, out CompactJsonKind item, out _);
            if (i < 0)
            {
                return -1;
            }

            if (item is CompactJsonKind.Nested or CompactJsonKind.StringArray or CompactJsonKind.ScalarArray)
            {
                kind = CompactJsonKind.Nested;
            }
            else if (item != CompactJsonKind.String && kind == CompactJsonKind.StringArray)
            {
                kind = CompactJsonKind.ScalarArray;
            }

            byte next = json[i++];
            if (next == (byte)']')
            {
                return i < n ? i : -1;
            }

            if (next != (byte)',')
            {
                return -1;
            }
        }

        return -1;
    }

    // A nested object at i ('{'), its names unique (compared in full when their fingerprints meet): the index after it, or -1.
    private static int ScanObject(ReadOnlySpan<byte> json, int i, int level, int maxDepth)
    {
        int n = json.Length;
        i++;
        if (i < n && json[i] == (byte)'}')
        {
            i++;
            return i < n ? i : -1;
        }

        CompactJsonNames names = default;
        ulong seen = 0;
        int count = 0;
        while (i < n && count < MaxNestedNames && json[i] == (byte)'"')
        {
            int nameStart = i + 1;
            int nameEnd = ScanString(json, nameStart);
            if (nameEnd < 0 || nameEnd + 2 >= n || json[nameEnd + 1] != (byte)':')
            {
                return -1;
            }

            if (!AddName(json, nameStart, nameEnd, ref seen, names, count))
            {
                return -1;
            }

            count++;
            i = ScanValue(json, nameEnd + 2, level + 1, maxDepth, out _, out _);
            if (i < 0)
            {
                return -1;
            }

            byte next = json[i++];
            if (next == (byte)'}')
            {
                return i < n ? i : -1;
            }

            if (next != (byte)',')
            {
                return -1;
            }
        }

        return -1;
    }

    // The literal at i: the index after it when a byte follows, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanLiteral(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal)
    {
        int end = i + literal.Length;
        return end < json.Length && json.Slice(i, literal.Length).SequenceEqual(literal) ? end : -1;
    }

    // A JSON number at i, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?: the index after it when a byte follows, or -1.
    // An Integer (with its value) when it is an integer of at most 15 digits, so exact as a double too; otherwise a
    // Number whose value the fast path never reads.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScanNumber(ReadOnlySpan<byte> json, int i, out CompactJsonKind kind, out long value)
    {
        kind = CompactJsonKind.Integer;
        value = 0;
        int n = json.Length;
        bool negative = json[i] == (byte)'-';
        if (negative)
        {
            i++;
        }

        int first = i;

        // Eight digits at once when eight bytes are there and all are digits, as in every NumericDate of our era.
        if (n - i >= 8 && TryReadEightDigits(json.Slice(i, 8), out uint eight))
        {
            value = eight;
            i += 8;
        }

        while (i < n && IsDigit(json[i]))
        {
            if (i - first < 15)
            {
                value = (value * 10) + (json[i] - '0');
            }

            i++;
        }

        int digits = i - first;
        if (digits == 0 || (digits > 1 && json[first] == (byte)'0') || i >= n)
        {
            return -1;
        }

        if (digits > 15)
        {
            kind = CompactJsonKind.Number;
        }

        if (json[i] == (byte)'.')
        {
            kind = CompactJsonKind.Number;
            i = ScanDigits(json, i);
            if (i < 0)
            {
                return -1;
            }
        }

        if (json[i] is (byte)'e' or (byte)'E')
        {
            kind = CompactJsonKind.Number;
            if (i + 1 < n && json[i + 1] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = ScanDigits(json, i);
            if (i < 0)
            {
                return -1;
            }
        }

        if (kind != CompactJsonKind.Integer)
        {
            value = 0;
        }
        else if (negative)
        {
            value = -value;
        }

        return i;
    }

    // Eight ASCII digits read as one little-endian word: true when all eight are digits, with their value. Each byte is a
    // digit when its high nibble is 3 and adding 6 keeps it there; then three multiply-and-shift steps sum the digits
    // pairwise (2 digits, then 4, then 8), the technique of Lemire's "Parsing series of integers with SIMD".
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadEightDigits(ReadOnlySpan<byte> eight, out uint value)
    {
        ulong word = BinaryPrimitives.ReadUInt64LittleEndian(eight);

        // Unchecked: a byte of 0xFA or more carries out of the word, and such a word is refused anyway.
        if (((word & 0xF0F0F0F0F0F0F0F0ul) | ((unchecked(word + 0x0606060606060606ul) & 0xF0F0F0F0F0F0F0F0ul) >> 4)) != 0x3333333333333333ul)
        {
            value = 0;
            return false;
        }

        unchecked
        {
            word = ((word & 0x0F0F0F0F0F0F0F0Ful) * 2561) >> 8;
            word = ((word & 0x00FF00FF00FF00FFul) * 6553601) >> 16;
            value = (uint)(((word & 0x0000FFFF0000FFFFul) * 42949672960001) >> 32);
        }

        return true;
    }

    // Past the byte at i ('.', 'e', 'E' or a sign), one or more digits, and a byte after them: the index of that byte, or -1.
    private static int ScanDigits(ReadOnlySpan<byte> json, int i)
    {
        int n = json.Length;
        int first = ++i;
        while (i < n && IsDigit(json[i]))
        {
            i++;
        }

        return i > first && i < n ? i : -1;
    }

    private static bool IsDigit(byte b) => unchecked((uint)(b - '0')) <= 9;
}
