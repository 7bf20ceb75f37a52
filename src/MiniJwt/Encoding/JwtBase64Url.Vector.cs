using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniJwt;

/// <summary>
/// The vector paths of the codec: AVX2 (24 bytes ↔ 32 characters per step), SSSE3 (12 ↔ 16). Each path handles the
/// whole groups (3 bytes ↔ 4 characters) of its input: the last step is moved back to end on the last whole group and
/// overlaps the one before it, writing the same bytes again, so no scalar loop runs after a vector path and no load or
/// store leaves the spans. A decoder's stores stay within the decoded length; a step checks all its characters before
/// it stores anything. The scalar code handles the rest: inputs under one vector and the 1 or 2 bytes of a partial group.
/// </summary>
internal static partial class JwtBase64Url
{
    /// <summary>Encodes the whole 3-byte groups of <paramref name="source"/> when a vector path applies; returns the bytes consumed (0 or all whole groups).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own compilation: inlined into a caller, the step helpers may not be
    private static int EncodeVector(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int groups = source.Length - (source.Length % 3);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        if (Avx2.IsSupported && groups >= 32)
        {
            // The first step loads at 0 and spreads dwords 0-2 and 3-5 to the two lanes; the next steps load 4 bytes
            // early so each lane finds its 12 bytes without crossing lanes; the last loads the 32 bytes ending on the
            // last whole group and spreads dwords 2-4 and 5-7.
            EncodeTranslate(EncodeSpread(Vector256.LoadUnsafe(ref src), Vector256.Create(0, 1, 2, 3, 3, 4, 5, 6))).StoreUnsafe(ref dst);

            // The main loop walks two references, the load 4 bytes before its step's 24, while the 32 bytes loaded lie
            // within the input (its length is at least 32 here, so lastLoad is inside it).
            ref byte load = ref Unsafe.Add(ref src, 20);
            ref byte store = ref Unsafe.Add(ref dst, 32);
            ref byte lastLoad = ref Unsafe.Add(ref src, source.Length - 32);
            while (!Unsafe.IsAddressGreaterThan(ref load, ref lastLoad))
            {
                EncodeTranslate(EncodeShifted(Vector256.LoadUnsafe(ref load))).StoreUnsafe(ref store);
                load = ref Unsafe.Add(ref load, 24);
                store = ref Unsafe.Add(ref store, 32);
            }

            int i = (int)Unsafe.ByteOffset(ref src, ref load) + 4;
            int o = (int)Unsafe.ByteOffset(ref dst, ref store);

            if (groups - i > 24)
            {
                // 27 bytes left, too many for the last step alone: one 128-bit step first.
                EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)i), 0)).StoreUnsafe(ref dst, (nuint)o);
                i += 12;
            }

            if (i < groups)
            {
                EncodeTranslate(EncodeSpread(Vector256.LoadUnsafe(ref src, (nuint)(groups - 32)), Vector256.Create(2, 3, 4, 5, 5, 6, 7, 0)))
                    .StoreUnsafe(ref dst, (nuint)((groups / 3 * 4) - 32));
            }

            return groups;
        }

        if (Ssse3.IsSupported && source.Length >= 16)
        {
            int i = 0;
            int o = 0;
            while (source.Length - i >= 16)
            {
                EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)i), 0)).StoreUnsafe(ref dst, (nuint)o);
                i += 12;
                o += 16;
            }

            // The last steps load the last 16 bytes of the input and take the 12 they need from them: with 15 bytes
            // left, the 12 at i, then the 12 ending on the last whole group.
            if (groups - i > 12)
            {
                EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)(source.Length - 16)), unchecked((byte)(i + 16 - source.Length)))).StoreUnsafe(ref dst, (nuint)o);
                i += 12;
            }

            if (i < groups)
            {
                EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)(source.Length - 16)), unchecked((byte)(groups + 4 - source.Length))))
                    .StoreUnsafe(ref dst, (nuint)((groups / 3 * 4) - 16));
            }

            return groups;
        }

        return 0;
    }

    /// <summary>As <see cref="EncodeVector(ReadOnlySpan{byte}, Span{byte})"/>, widening each character to UTF-16.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own compilation: inlined into a caller, the step helpers may not be
    private static int EncodeVector(ReadOnlySpan<byte> source, Span<char> destination)
    {
        int groups = source.Length - (source.Length % 3);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref ushort dst = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(destination));
        if (Avx2.IsSupported && groups >= 32)
        {
            StoreWidened(EncodeTranslate(EncodeSpread(Vector256.LoadUnsafe(ref src), Vector256.Create(0, 1, 2, 3, 3, 4, 5, 6))), ref dst, 0);

            // As in the UTF-8 encoder: the load walks by reference, 4 bytes before its step's 24.
            ref byte load = ref Unsafe.Add(ref src, 20);
            ref byte lastLoad = ref Unsafe.Add(ref src, source.Length - 32);
            int o = 32;
            while (!Unsafe.IsAddressGreaterThan(ref load, ref lastLoad))
            {
                StoreWidened(EncodeTranslate(EncodeShifted(Vector256.LoadUnsafe(ref load))), ref dst, o);
                load = ref Unsafe.Add(ref load, 24);
                o += 32;
            }

            int i = (int)Unsafe.ByteOffset(ref src, ref load) + 4;

            if (groups - i > 24)
            {
                StoreWidened(EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)i), 0)), ref dst, o);
                i += 12;
            }

            if (i < groups)
            {
                StoreWidened(EncodeTranslate(EncodeSpread(Vector256.LoadUnsafe(ref src, (nuint)(groups - 32)), Vector256.Create(2, 3, 4, 5, 5, 6, 7, 0))),
                    ref dst, (groups / 3 * 4) - 32);
            }

            return groups;
        }

        if (Ssse3.IsSupported && source.Length >= 16)
        {
            int i = 0;
            int o = 0;
            while (source.Length - i >= 16)
            {
                StoreWidened(EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)i), 0)), ref dst, o);
                i += 12;
                o += 16;
            }

            if (groups - i > 12)
            {
                StoreWidened(EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)(source.Length - 16)), unchecked((byte)(i + 16 - source.Length)))), ref dst, o);
                i += 12;
            }

            if (i < groups)
            {
                StoreWidened(EncodeTranslate(EncodeArrange(Vector128.LoadUnsafe(ref src, (nuint)(source.Length - 16)), unchecked((byte)(groups + 4 - source.Length)))),
                    ref dst, (groups / 3 * 4) - 16);
            }

            return groups;
        }

        return 0;
    }

    /// <summary>
    /// Decodes the whole 4-character groups of <paramref name="source"/> into <paramref name="destination"/> (exactly the
    /// decoded length) when a vector path applies; returns the characters consumed (0 or all whole groups), or -1 when a
    /// character is outside the alphabet.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own compilation: inlined into a caller, the step helpers may not be
    private static int DecodeVector(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int groups = source.Length & ~3;
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        if (Avx2.IsSupported && groups >= 32)
        {
            // The load walks by reference while its 32 characters lie within the whole groups (at least 32 here).
            ref byte load = ref src;
            ref byte lastLoad = ref Unsafe.Add(ref src, groups - 32);
            int o = 0;
            Vector256<byte> bytes;
            while (!Unsafe.IsAddressGreaterThan(ref load, ref lastLoad))
            {
                if (!TryDecode(Vector256.LoadUnsafe(ref load), out bytes))
                {
                    return -1;
                }

                Store(bytes, ref dst, o, destination.Length);
                load = ref Unsafe.Add(ref load, 32);
                o += 24;
            }

            int i = (int)Unsafe.ByteOffset(ref src, ref load);

            if (i < groups)
            {
                if (!TryDecode(Vector256.LoadUnsafe(ref src, (nuint)(groups - 32)), out bytes))
                {
                    return -1;
                }

                Store24(bytes, ref dst, (groups / 4 * 3) - 24);
            }

            return groups;
        }

        if (Ssse3.IsSupported && groups >= 16)
        {
            int i = 0;
            int o = 0;
            Vector128<byte> bytes;
            while (groups - i >= 16)
            {
                if (!TryDecode(Vector128.LoadUnsafe(ref src, (nuint)i), out bytes))
                {
                    return -1;
                }

                Store(bytes, ref dst, o, destination.Length);
                i += 16;
                o += 12;
            }

            if (i < groups)
            {
                if (!TryDecode(Vector128.LoadUnsafe(ref src, (nuint)(groups - 16)), out bytes))
                {
                    return -1;
                }

                Store12(bytes, ref dst, (groups / 4 * 3) - 12);
            }

            return groups;
        }

        return 0;
    }

    /// <summary>As <see cref="DecodeVector(ReadOnlySpan{byte}, Span{byte})"/> for UTF-16 text: a character above 0xFF narrows to 0 or 0xFF, both invalid.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // its own compilation: inlined into a caller, the step helpers may not be
    private static int DecodeVector(ReadOnlySpan<char> source, Span<byte> destination)
    {
        int groups = source.Length & ~3;
        ref short src = ref Unsafe.As<char, short>(ref MemoryMarshal.GetReference(source));
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        if (Avx2.IsSupported && groups >= 32)
        {
            int i = 0;
            int o = 0;
            Vector256<byte> bytes;
            while (groups - i >= 32)
            {
                if (!TryDecode(Narrow(ref src, i), out bytes))
                {
                    return -1;
                }

                Store(bytes, ref dst, o, destination.Length);
                i += 32;
                o += 24;
            }

            if (i < groups)
            {
                if (!TryDecode(Narrow(ref src, groups - 32), out bytes))
                {
                    return -1;
                }

                Store24(bytes, ref dst, (groups / 4 * 3) - 24);
            }

            return groups;
        }

        if (Ssse3.IsSupported && groups >= 16)
        {
            int i = 0;
            int o = 0;
            Vector128<byte> bytes;
            while (groups - i >= 16)
            {
                if (!TryDecode(Narrow128(ref src, i), out bytes))
                {
                    return -1;
                }

                Store(bytes, ref dst, o, destination.Length);
                i += 16;
                o += 12;
            }

            if (i < groups)
            {
                if (!TryDecode(Narrow128(ref src, groups - 16), out bytes))
                {
                    return -1;
                }

                Store12(bytes, ref dst, (groups / 4 * 3) - 12);
            }

            return groups;
        }

        return 0;
    }

    // Encode: each 3-byte group s0 s1 s2 becomes the 32-bit lane s1 s0 s2 s1, whose two 16-bit words hold the four
    // 6-bit indices at known places; a multiply-high and a multiply-low move each index to its own byte.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> EncodeSpread(Vector256<byte> input, Vector256<int> dwords) =>
        EncodeSplit(Avx2.Shuffle(Avx2.PermuteVar8x32(input.AsInt32(), dwords).AsByte(),
            Vector256.Create((byte)1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10)));

    // The input was loaded 4 bytes early: the low lane's 12 bytes sit at 4-15, the high lane's at 0-11.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> EncodeShifted(Vector256<byte> input) =>
        EncodeSplit(Avx2.Shuffle(input,
            Vector256.Create((byte)5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14, 1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> EncodeSplit(Vector256<byte> arranged)
    {
        Vector256<ushort> ac = Avx2.MultiplyHigh((arranged.AsUInt32() & Vector256.Create(0x0FC0FC00u)).AsUInt16(), Vector256.Create(0x04000040u).AsUInt16());
        Vector256<ushort> bd = Avx2.MultiplyLow((arranged.AsUInt32() & Vector256.Create(0x003F03F0u)).AsUInt16(), Vector256.Create(0x01000010u).AsUInt16());
        return (ac | bd).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> EncodeArrange(Vector128<byte> input, byte start)
    {
        Vector128<byte> arranged = Ssse3.Shuffle(input, Vector128.Create((byte)1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10) + Vector128.Create(start));
        Vector128<ushort> ac = Sse2.MultiplyHigh((arranged.AsUInt32() & Vector128.Create(0x0FC0FC00u)).AsUInt16(), Vector128.Create(0x04000040u).AsUInt16());
        Vector128<ushort> bd = Sse2.MultiplyLow((arranged.AsUInt32() & Vector128.Create(0x003F03F0u)).AsUInt16(), Vector128.Create(0x01000010u).AsUInt16());
        return (ac | bd).AsByte();
    }

    // Index → character: a reduced index picks the offset to add. The saturating subtraction gives 0 up to 51 and 1-12
    // for 52-63; subtracting the comparison's -1 for every index above 25 makes that 0 for A-Z (0-25), 1 for a-z (26-51),
    // 2-11 for 0-9, 12 for '-' and 13 for '_'. Four operations and the table lookup.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> EncodeTranslate(Vector256<byte> indices)
    {
        Vector256<byte> reduced = Avx2.SubtractSaturate(indices, Vector256.Create((byte)51))
            - Avx2.CompareGreaterThan(indices.AsSByte(), Vector256.Create((sbyte)25)).AsByte();
        Vector256<byte> offsets = Vector256.Create((sbyte)65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 0, 0,
            65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 0, 0).AsByte();
        return indices + Avx2.Shuffle(offsets, reduced);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> EncodeTranslate(Vector128<byte> indices)
    {
        Vector128<byte> reduced = Sse2.SubtractSaturate(indices, Vector128.Create((byte)51))
            - Sse2.CompareGreaterThan(indices.AsSByte(), Vector128.Create((sbyte)25)).AsByte();
        Vector128<byte> offsets = Vector128.Create((sbyte)65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 0, 0).AsByte();
        return indices + Ssse3.Shuffle(offsets, reduced);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWidened(Vector256<byte> text, ref ushort destination, int offset)
    {
        (Vector256<ushort> lower, Vector256<ushort> upper) = Vector256.Widen(text);
        lower.StoreUnsafe(ref destination, (nuint)offset);
        upper.StoreUnsafe(ref destination, (nuint)(offset + 16));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWidened(Vector128<byte> text, ref ushort destination, int offset)
    {
        (Vector128<ushort> lower, Vector128<ushort> upper) = Vector128.Widen(text);
        lower.StoreUnsafe(ref destination, (nuint)offset);
        upper.StoreUnsafe(ref destination, (nuint)(offset + 8));
    }

    // Decode: a character is valid when the bits its low nibble selects and the bits its high nibble selects are
    // disjoint. Bit 0: low nibble 0, refused after high nibbles 2, 4 and 6 ('@', '`'); bit 1: 1-9, after 2; bit 2: A,
    // after 2 and 3; bit 3: B, C, E, after 2, 3, 5 and 7; bit 4: D, after 3, 5 and 7 ('-' is 0x2D); bit 5: F, after 2,
    // 3 and 7 ('_' is 0x5F); bit 6: every low nibble, after the high nibbles that hold no valid character.
    // The value is the character plus an offset chosen by its high nibble, '_' moved to its own slot (13).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDecode(Vector256<byte> text, out Vector256<byte> bytes)
    {
        Vector256<byte> lowNibbles = Vector256.Create((byte)65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 68, 72, 72, 80, 72, 96,
            65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 68, 72, 72, 80, 72, 96);
        Vector256<byte> highNibbles = Vector256.Create((byte)64, 64, 47, 60, 1, 24, 1, 56, 64, 64, 64, 64, 64, 64, 64, 64,
            64, 64, 47, 60, 1, 24, 1, 56, 64, 64, 64, 64, 64, 64, 64, 64);
        Vector256<byte> nibble = Vector256.Create((byte)0x0F);
        Vector256<byte> high = Avx2.ShiftRightLogical(text.AsUInt16(), 4).AsByte() & nibble;
        if (!Avx.TestZ(Avx2.Shuffle(lowNibbles, text & nibble), Avx2.Shuffle(highNibbles, high)))
        {
            bytes = default;
            return false;
        }

        Vector256<byte> offsets = Vector256.Create((sbyte)0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, -32, 0, 0,
            0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, -32, 0, 0).AsByte();
        Vector256<byte> slot = high | (Avx2.CompareEqual(text, Vector256.Create((byte)'_')) & Vector256.Create((byte)8));
        Vector256<byte> values = text + Avx2.Shuffle(offsets, slot);

        // Four 6-bit values → two 12-bit words → one 24-bit dword, then the three bytes of each dword in order, and
        // the 12 bytes of each lane together in the low 24 bytes.
        Vector256<short> pairs = Avx2.MultiplyAddAdjacent(values, Vector256.Create(0x01400140).AsSByte());
        Vector256<int> quads = Avx2.MultiplyAddAdjacent(pairs, Vector256.Create(0x00011000).AsInt16());
        Vector256<byte> packed = Avx2.Shuffle(quads.AsByte(),
            Vector256.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80, 2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80));
        bytes = Avx2.PermuteVar8x32(packed.AsInt32(), Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7)).AsByte();
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDecode(Vector128<byte> text, out Vector128<byte> bytes)
    {
        Vector128<byte> lowNibbles = Vector128.Create((byte)65, 66, 66, 66, 66, 66, 66, 66, 66, 66, 68, 72, 72, 80, 72, 96);
        Vector128<byte> highNibbles = Vector128.Create((byte)64, 64, 47, 60, 1, 24, 1, 56, 64, 64, 64, 64, 64, 64, 64, 64);
        Vector128<byte> nibble = Vector128.Create((byte)0x0F);
        Vector128<byte> high = Sse2.ShiftRightLogical(text.AsUInt16(), 4).AsByte() & nibble;
        if ((Ssse3.Shuffle(lowNibbles, text & nibble) & Ssse3.Shuffle(highNibbles, high)) != Vector128<byte>.Zero)
        {
            bytes = default;
            return false;
        }

        Vector128<byte> offsets = Vector128.Create((sbyte)0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, -32, 0, 0).AsByte();
        Vector128<byte> slot = high | (Sse2.CompareEqual(text, Vector128.Create((byte)'_')) & Vector128.Create((byte)8));
        Vector128<byte> values = text + Ssse3.Shuffle(offsets, slot);
        Vector128<short> pairs = Ssse3.MultiplyAddAdjacent(values, Vector128.Create(0x01400140).AsSByte());
        Vector128<int> quads = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create(0x00011000).AsInt16());
        bytes = Ssse3.Shuffle(quads.AsByte(), Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80));
        return true;
    }

    // 32 UTF-16 characters to 32 bytes; saturation turns a character above 0xFF into 0 or 0xFF, both invalid.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Narrow(ref short source, int offset) =>
        Avx2.Permute4x64(Avx2.PackUnsignedSaturate(Vector256.LoadUnsafe(ref source, (nuint)offset), Vector256.LoadUnsafe(ref source, (nuint)(offset + 16))).AsUInt64(), 0b11_01_10_00).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Narrow128(ref short source, int offset) =>
        Sse2.PackUnsignedSaturate(Vector128.LoadUnsafe(ref source, (nuint)offset), Vector128.LoadUnsafe(ref source, (nuint)(offset + 8)));

    // Stores the 24 decoded bytes of a step, with the whole vector when the decoded length leaves room for it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<byte> bytes, ref byte destination, int offset, int length)
    {
        if (length - offset >= 32)
        {
            bytes.StoreUnsafe(ref destination, (nuint)offset);
        }
        else
        {
            Store24(bytes, ref destination, offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<byte> bytes, ref byte destination, int offset, int length)
    {
        if (length - offset >= 16)
        {
            bytes.StoreUnsafe(ref destination, (nuint)offset);
        }
        else
        {
            Store12(bytes, ref destination, offset);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store24(Vector256<byte> bytes, ref byte destination, int offset)
    {
        bytes.GetLower().StoreUnsafe(ref destination, (nuint)offset);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset + 16), bytes.GetUpper().AsUInt64().ToScalar());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store12(Vector128<byte> bytes, ref byte destination, int offset)
    {
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset), bytes.AsUInt64().ToScalar());
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, offset + 8), bytes.AsUInt32().GetElement(2));
    }
}
