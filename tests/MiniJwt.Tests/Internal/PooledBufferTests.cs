using System;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class PooledBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PooledBuffer.StackLimit)]
    public void UpToTheLimit_WrapsTheStackBufferOfTheExactLength(int length)
    {
        Span<byte> stack = stackalloc byte[length];
        using var buffer = new PooledBuffer(stack);
        Assert.Equal(length, buffer.Span.Length);
        if (length > 0)
        {
            buffer.Span[0] = 7;
            Assert.Equal(7, stack[0]);
        }
    }

    [Theory]
    [InlineData(PooledBuffer.StackLimit + 1)]
    [InlineData(100_000)]
    public void AboveTheLimit_RentsExactlyTheLengthAskedFor(int length)
    {
        using var buffer = new PooledBuffer(length);
        Assert.Equal(length, buffer.Span.Length);
        buffer.Span[^1] = 1;
    }

    [Fact]
    public void Dispose_IsSafeTwice_AndClearsWhenAsked()
    {
        var buffer = new PooledBuffer(4096, clear: true);
        buffer.Span.Fill(0xAB);
        buffer.Dispose();
        buffer.Dispose();
    }
}
