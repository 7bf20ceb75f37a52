using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniJwt;

/// <summary>
/// The vector paths of the codec: AVX2 (24 bytes ↔ 32 characters per step), then SSSE3 (12 ↔ 16). Loads and stores
/// stay inside the spans: every loop condition leaves room for a whole vector. Elsewhere the scalar loops do all the work.
/// </summary>
internal static partial class JwtBase64Url
{
    /// <summary>Encodes whole 12-byte groups while a whole vector can be loaded and stored; returns the bytes consumed (a multiple of 12).</summary>
    private static int EncodeVector(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!Ssse3.IsSupported || source.Length < 16)
        {
            return 0;
        }

        // Each 3-byte group s0 s1 s2 becomes the 32-bit lane s1 s0 s2 s1, whose two 16-bit words hold
        // the four 6-bit indices at known places; multiplications move each index to its own byte.
        Vector128<byte> arrange = Vector128.Create((byte)1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
        Vector128<uint> maskAc = Vector128.Create(0x0FC0FC00u);
        Vector128<ushort> shiftAc = Vector128.Create(0x04000040u).AsUInt16();
        Vector128<uint> maskBd = Vector128.Create(0x003F03F0u);
        Vector128<ushort> shiftBd = Vector128.Create(0x01000010u).AsUInt16();

        // Index → character offset, chosen by a reduced index: 13 for A-Z, 0 for a-z, 1..10 for 0-9, 11 for '-', 12 for '_'.
        Vector128<byte> offsets = Vector128.Create((sbyte)71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -17, 32, 65, 0, 0).AsByte();
        Vector128<byte> fiftyOne = Vector128.Create((byte)51);
        Vector128<sbyte> twentySix = Vector128.Create((sbyte)26);
        Vector128<byte> thirteen = Vector128.Create((byte)13);

        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        int o = 0;
        if (Avx2.IsSupported)
        {
            // Dwords 0-2 (bytes 0-11) go to the low lane and dwords 3-5 (bytes 12-23) to the high lane; each lane
            // then works as the SSSE3 step does.
            Vector256<int> spread = Vector256.Create(0, 1, 2, 3, 3, 4, 5, 6);
            Vector256<byte> arrange2 = Vector256.Create(arrange, arrange);
            Vector256<uint> maskAc2 = Vector256.Create(maskAc, maskAc);
            Vector256<ushort> shiftAc2 = Vector256.Create(shiftAc, shiftAc);
            Vector256<uint> maskBd2 = Vector256.Create(maskBd, maskBd);
            Vector256<ushort> shiftBd2 = Vector256.Create(shiftBd, shiftBd);
            Vector256<byte> offsets2 = Vector256.Create(offsets, offsets);
            Vector256<byte> fiftyOne2 = Vector256.Create((byte)51);
            Vector256<sbyte> twentySix2 = Vector256.Create((sbyte)26);
            Vector256<byte> thirteen2 = Vector256.Create((byte)13);
            while (source.Length - i >= 32 && destination.Length - o >= 32)
            {
                Vector256<byte> input = Avx2.PermuteVar8x32(Vector256.LoadUnsafe(ref src, (nuint)i).AsInt32(), spread).AsByte();
                Vector256<uint> lanes2 = Avx2.Shuffle(input, arrange2).AsUInt32();
                Vector256<ushort> ac2 = Avx2.MultiplyHigh((lanes2 & maskAc2).AsUInt16(), shiftAc2);
                Vector256<ushort> bd2 = Avx2.MultiplyLow((lanes2 & maskBd2).AsUInt16(), shiftBd2);
                Vector256<byte> indices2 = (ac2 | bd2).AsByte();
                Vector256<byte> reduced2 = Avx2.SubtractSaturate(indices2, fiftyOne2);
                reduced2 |= Avx2.CompareGreaterThan(twentySix2, indices2.AsSByte()).AsByte() & thirteen2;
                (indices2 + Avx2.Shuffle(offsets2, reduced2)).StoreUnsafe(ref dst, (nuint)o);
                i += 24;
                o += 32;
            }
        }

        while (source.Length - i >= 16 && destination.Length - o >= 16)
        {
            Vector128<uint> lanes = Ssse3.Shuffle(Vector128.LoadUnsafe(ref src, (nuint)i), arrange).AsUInt32();
            Vector128<ushort> ac = Sse2.MultiplyHigh((lanes & maskAc).AsUInt16(), shiftAc);
            Vector128<ushort> bd = Sse2.MultiplyLow((lanes & maskBd).AsUInt16(), shiftBd);
            Vector128<byte> indices = (ac | bd).AsByte();

            Vector128<byte> reduced = Sse2.SubtractSaturate(indices, fiftyOne);
            reduced |= Sse2.CompareGreaterThan(twentySix, indices.AsSByte()).AsByte() & thirteen;
            (indices + Ssse3.Shuffle(offsets, reduced)).StoreUnsafe(ref dst, (nuint)o);
            i += 12;
            o += 16;
        }

        return i;
    }

    /// <summary>
    /// Decodes whole 16-character groups while 16 bytes can be stored; returns the characters consumed
    /// (a multiple of 16). Sets <paramref name="invalid"/> on any character outside the alphabet.
    /// </summary>
    private static int DecodeVector(ReadOnlySpan<byte> source, Span<byte> destination, out bool invalid)
    {
        invalid = false;
        if (!Ssse3.IsSupported || source.Length < 16)
        {
            return 0;
        }

        Vector128<byte> upperBase = Vector128.Create((byte)'A'), lowerBase = Vector128.Create((byte)'a'), digitBase = Vector128.Create((byte)'0');
        Vector128<byte> twentySix = Vector128.Create((byte)26), ten = Vector128.Create((byte)10);
        Vector128<byte> dash = Vector128.Create((byte)'-'), underscore = Vector128.Create((byte)'_');
        Vector128<byte> lowerShift = Vector128.Create((byte)26), digitShift = Vector128.Create((byte)52);
        Vector128<byte> dashValue = Vector128.Create((byte)62), underscoreValue = Vector128.Create((byte)63);
        Vector128<sbyte> pairWeights = Vector128.Create(0x01400140).AsSByte();
        Vector128<short> quadWeights = Vector128.Create(0x00011000).AsInt16();
        Vector128<byte> compact = Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 0x80, 0x80, 0x80, 0x80);

        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        int o = 0;
        if (Avx2.IsSupported)
        {
            Vector256<byte> upperBase2 = Vector256.Create((byte)'A'), lowerBase2 = Vector256.Create((byte)'a'), digitBase2 = Vector256.Create((byte)'0');
            Vector256<byte> twentySix2 = Vector256.Create((byte)26), ten2 = Vector256.Create((byte)10);
            Vector256<byte> dash2 = Vector256.Create((byte)'-'), underscore2 = Vector256.Create((byte)'_');
            Vector256<byte> lowerShift2 = Vector256.Create((byte)26), digitShift2 = Vector256.Create((byte)52);
            Vector256<byte> dashValue2 = Vector256.Create((byte)62), underscoreValue2 = Vector256.Create((byte)63);
            Vector256<sbyte> pairWeights2 = Vector256.Create(0x01400140).AsSByte();
            Vector256<short> quadWeights2 = Vector256.Create(0x00011000).AsInt16();
            Vector256<byte> compact2 = Vector256.Create(compact, compact);
            Vector256<int> gather = Vector256.Create(0, 1, 2, 4, 5, 6, 3, 7);
            while (source.Length - i >= 32 && destination.Length - o >= 32)
            {
                Vector256<byte> c2 = Vector256.LoadUnsafe(ref src, (nuint)i);
                Vector256<byte> upper2 = c2 - upperBase2, lower2 = c2 - lowerBase2, digit2 = c2 - digitBase2;
                Vector256<byte> isUpper2 = Vector256.LessThan(upper2, twentySix2);
                Vector256<byte> isLower2 = Vector256.LessThan(lower2, twentySix2);
                Vector256<byte> isDigit2 = Vector256.LessThan(digit2, ten2);
                Vector256<byte> isDash2 = Vector256.Equals(c2, dash2);
                Vector256<byte> isUnderscore2 = Vector256.Equals(c2, underscore2);
                if ((isUpper2 | isLower2 | isDigit2 | isDash2 | isUnderscore2) != Vector256<byte>.AllBitsSet)
                {
                    invalid = true;
                    return i;
                }

                Vector256<byte> values2 = (isUpper2 & upper2) | (isLower2 & (lower2 + lowerShift2)) | (isDigit2 & (digit2 + digitShift2))
                    | (isDash2 & dashValue2) | (isUnderscore2 & underscoreValue2);
                Vector256<int> quads2 = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(values2, pairWeights2), quadWeights2);

                // Each lane holds 12 bytes in its dwords 0-2; gather them into the low 24 bytes.
                Avx2.PermuteVar8x32(Avx2.Shuffle(quads2.AsByte(), compact2).AsInt32(), gather).AsByte().StoreUnsafe(ref dst, (nuint)o);
                i += 32;
                o += 24;
            }
        }

        while (source.Length - i >= 16 && destination.Length - o >= 16)
        {
            Vector128<byte> c = Vector128.LoadUnsafe(ref src, (nuint)i);
            Vector128<byte> upper = c - upperBase, lower = c - lowerBase, digit = c - digitBase;
            Vector128<byte> isUpper = Vector128.LessThan(upper, twentySix);
            Vector128<byte> isLower = Vector128.LessThan(lower, twentySix);
            Vector128<byte> isDigit = Vector128.LessThan(digit, ten);
            Vector128<byte> isDash = Vector128.Equals(c, dash);
            Vector128<byte> isUnderscore = Vector128.Equals(c, underscore);
            if ((isUpper | isLower | isDigit | isDash | isUnderscore) != Vector128<byte>.AllBitsSet)
            {
                invalid = true;
                return i;
            }

            Vector128<byte> values = (isUpper & upper) | (isLower & (lower + lowerShift)) | (isDigit & (digit + digitShift))
                | (isDash & dashValue) | (isUnderscore & underscoreValue);

            // Four 6-bit values → two 12-bit words → one 24-bit lane, then the three bytes of each lane in order.
            Vector128<short> pairs = Ssse3.MultiplyAddAdjacent(values, pairWeights);
            Vector128<int> quads = Sse2.MultiplyAddAdjacent(pairs, quadWeights);
            Ssse3.Shuffle(quads.AsByte(), compact).StoreUnsafe(ref dst, (nuint)o);
            i += 16;
            o += 12;
        }

        return i;
    }
}
