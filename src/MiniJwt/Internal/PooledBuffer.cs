using System;
using System.Buffers;
using System.Security.Cryptography;

namespace MiniJwt;

/// <summary>
/// A scratch buffer of an exact length: on the stack up to <see cref="StackLimit"/> bytes, rented from the array pool
/// above. The one form of "stackalloc or rent" in the library:
/// <c>using PooledBuffer buffer = n &lt;= PooledBuffer.StackLimit ? new(stackalloc byte[n]) : new(n);</c>
/// </summary>
internal ref struct PooledBuffer
{
    /// <summary>The largest buffer taken from the stack, in bytes; larger ones come from the pool.</summary>
    public const int StackLimit = 1024;

    private byte[]? _rented;
    private readonly bool _clear;

    /// <summary>Wraps a stack buffer (already of the exact length).</summary>
    public PooledBuffer(Span<byte> stack)
    {
        Span = stack;
        _rented = null;
        _clear = false;
    }

    /// <summary>Rents <paramref name="length"/> bytes from the pool; <paramref name="clear"/> zeroes them on return (secrets).</summary>
    public PooledBuffer(int length, bool clear = false)
    {
        _rented = ArrayPool<byte>.Shared.Rent(length);
        Span = _rented.AsSpan(0, length);
        _clear = clear;
    }

    /// <summary>The buffer, of the length asked for.</summary>
    public Span<byte> Span { get; }

    /// <summary>Returns a rented array to the pool; a stack buffer needs nothing.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            if (_clear)
            {
                CryptographicOperations.ZeroMemory(_rented);
            }

            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
