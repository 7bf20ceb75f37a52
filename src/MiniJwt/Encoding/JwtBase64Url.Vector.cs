using System;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MiniJwt;

/// <summary>The SSSE3 paths of the codec: 12 bytes ↔ 16 characters per step. Elsewhere the scalar loops do all the work.</summary>
public static partial class JwtBase64Url
{
    /// <summary>Encodes whole 12-byte groups while 16 bytes can be loaded and 16 stored; returns the bytes consumed (a multiple of 12).</summary>
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

        int i = 0;
        int o = 0;
        while (source.Length - i >= 16 && destination.Length - o >= 16)
        {
            Vector128<uint> lanes = Ssse3.Shuffle(Vector128.Create(source.Slice(i, 16)), arrange).AsUInt32();
            Vector128<ushort> ac = Sse2.MultiplyHigh((lanes & maskAc).AsUInt16(), shiftAc);
            Vector128<ushort> bd = Sse2.MultiplyLow((lanes & maskBd).AsUInt16(), shiftBd);
            Vector128<byte> indices = (ac | bd).AsByte();

            Vector128<byte> reduced = Sse2.SubtractSaturate(indices, fiftyOne);
            reduced |= Sse2.CompareGreaterThan(twentySix, indices.AsSByte()).AsByte() & thirteen;
            (indices + Ssse3.Shuffle(offsets, reduced)).CopyTo(destination.Slice(o));
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

        int i = 0;
        int o = 0;
        while (source.Length - i >= 16 && destination.Length - o >= 16)
        {
            Vector128<byte> c = Vector128.Create(source.Slice(i, 16));
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
            Ssse3.Shuffle(quads.AsByte(), compact).CopyTo(destination.Slice(o));
            i += 16;
            o += 12;
        }

        return i;
    }
}
