using System;
using System.Linq;
using FsCheck.Xunit;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class ConstantTimeTests
{
    [Fact]
    public void EqualBytes_AreEqual_AtEveryLength()
    {
        for (int length = 0; length <= 70; length++)
        {
            byte[] left = Enumerable.Range(0, length).Select(i => (byte)((i * 37 + 11) & 0xFF)).ToArray();
            Assert.True(ConstantTime.Equals(left, left.ToArray()), length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // Every position of every length around the word size, and each bit of the byte: the words, the tail and the
    // last word before the tail all count.
    [Fact]
    public void OneDifferentBit_AnywhereInTheInput_IsFound()
    {
        for (int length = 1; length <= 70; length++)
        {
            byte[] left = Enumerable.Range(0, length).Select(i => (byte)((i * 37 + 11) & 0xFF)).ToArray();
            for (int position = 0; position < length; position++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] right = left.ToArray();
                    right[position] ^= (byte)(1 << bit);
                    Assert.False(ConstantTime.Equals(left, right), $"length {length}, byte {position}, bit {bit}");
                    Assert.False(ConstantTime.Equals(right, left), $"length {length}, byte {position}, bit {bit}");
                }
            }
        }
    }

    [Fact]
    public void DifferentLengths_AreUnequal_EvenWhenOneIsAPrefixOfTheOther()
    {
        byte[] mac = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Assert.False(ConstantTime.Equals(mac, mac.AsSpan(0, 31)));
        Assert.False(ConstantTime.Equals(mac.AsSpan(0, 31), mac));
        Assert.False(ConstantTime.Equals(mac, []));
        Assert.False(ConstantTime.Equals([], mac));
        Assert.True(ConstantTime.Equals([], []));
    }

    // Slices that start at odd offsets: the words are read unaligned.
    [Fact]
    public void UnalignedSlices_AreCompared_ByTheirOwnBytes()
    {
        byte[] buffer = Enumerable.Range(0, 80).Select(i => (byte)(i % 8)).ToArray();
        Assert.True(ConstantTime.Equals(buffer.AsSpan(1, 33), buffer.AsSpan(9, 33)));
        Assert.False(ConstantTime.Equals(buffer.AsSpan(1, 33), buffer.AsSpan(10, 33)));
    }

    [Property(MaxTest = 2000)]
    public void AgreesWith_SequenceEqual(byte[] left, byte[] right, bool sameBytes)
    {
        if (sameBytes)
        {
            right = left.ToArray();
        }

        Assert.Equal(left.AsSpan().SequenceEqual(right), ConstantTime.Equals(left, right));
    }
}
