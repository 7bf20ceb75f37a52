using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MiniJwt;

/// <summary>Comparisons whose time depends on the lengths of their inputs only, never on their bytes.</summary>
internal static class ConstantTime
{
    /// <summary>
    /// Whether <paramref name="left"/> and <paramref name="right"/> hold the same bytes. Every byte of both is read
    /// whatever the first difference, and the only branch on their contents is the final one, on the whole difference;
    /// different lengths are unequal at once (a length is not a secret).
    /// </summary>
    /// <remarks>
    /// Eight bytes a step, as words: for an HMAC of 32 to 64 bytes this is a handful of instructions, where the base
    /// library's comparison reads one byte a call through unoptimized code (it is compiled without optimization so
    /// that no early exit can appear; here the loop has no exit that depends on the bytes for the compiler to move).
    /// Kept out of line so that it stays the same code whatever calls it.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool Equals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        ref byte a = ref MemoryMarshal.GetReference(left);
        ref byte b = ref MemoryMarshal.GetReference(right);
        int length = left.Length;
        ulong difference = 0;
        int i = 0;
        for (; i <= length - sizeof(ulong); i += sizeof(ulong))
        {
            difference |= Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, i)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i));
        }

        for (; i < length; i++)
        {
            difference |= (uint)(Unsafe.Add(ref a, i) ^ Unsafe.Add(ref b, i));
        }

        return difference == 0;
    }
}
