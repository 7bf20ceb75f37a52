using System;
using System.Buffers;
using System.Text.Json;

namespace MiniJwt;

/// <summary>
/// Collects the member names of one JSON object (unescaped) and tells whether one repeats.
/// Small objects are checked pairwise; large ones by sorting hashes, so a hostile object of many
/// members costs O(n log n), never O(n²).
/// </summary>
internal ref struct JsonNameSet
{
    private const int PairwiseLimit = 16;

    private Span<byte> _store;
    private Span<int> _ends;
    private byte[]? _rentedStore;
    private int[]? _rentedEnds;
    private int _used;
    private int _count;

    public JsonNameSet(Span<byte> store, Span<int> ends)
    {
        _store = store;
        _ends = ends;
        _rentedStore = null;
        _rentedEnds = null;
        _used = 0;
        _count = 0;
    }

    public readonly int Count => _count;


    /// <summary>Adds the property name the reader stands on; returns the unescaped name.</summary>
    public ReadOnlySpan<byte> Add(scoped in Utf8JsonReader reader)
    {
        int max = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (_store.Length - _used < max)
        {
            Grow(ref _store, ref _rentedStore, _used + max);
        }

        if (_count == _ends.Length)
        {
            GrowEnds();
        }

        int written;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            reader.ValueSpan.CopyTo(_store.Slice(_used));
            written = reader.ValueSpan.Length;
        }
        else
        {
            written = reader.CopyString(_store.Slice(_used));
        }

        int start = _used;
        _used += written;
        _ends[_count++] = _used;
        return _store.Slice(start, written);
    }

    public readonly bool HasDuplicates()
    {
        int n = _count;
        if (n < 2)
        {
            return false;
        }

        if (n <= PairwiseLimit)
        {
            for (int i = 1; i < n; i++)
            {
                ReadOnlySpan<byte> a = Name(i);
                for (int j = 0; j < i; j++)
                {
                    if (a.SequenceEqual(Name(j)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        long[] keys = ArrayPool<long>.Shared.Rent(n);
        try
        {
            for (int i = 0; i < n; i++)
            {
                uint hash = Hash(Name(i));
                keys[i] = ((long)hash << 32) | (uint)i;
            }

            Span<long> sorted = keys.AsSpan(0, n);
            sorted.Sort();

            // Equal names have equal hashes, but names of one hash need not be neighbours once sorted by
            // (hash, index): with A, B, A' colliding, A and A' are two apart. Each run of one hash is checked whole.
            int start = 0;
            for (int i = 1; i <= n; i++)
            {
                if (i < n && (sorted[i] >> 32) == (sorted[start] >> 32))
                {
                    continue;
                }

                if (i - start > 1 && RunHasDuplicates(sorted.Slice(start, i - start)))
                {
                    return true;
                }

                start = i;
            }

            return false;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    // The names of one hash: a pair is compared directly; a longer run (many names crafted to collide) is
    // sorted by content so that the work stays O(k log k), never O(k²).
    private readonly bool RunHasDuplicates(ReadOnlySpan<long> run)
    {
        if (run.Length == 2)
        {
            return Name(unchecked((int)run[0])).SequenceEqual(Name(unchecked((int)run[1])));
        }

        byte[][] names = new byte[run.Length][];
        for (int i = 0; i < run.Length; i++)
        {
            names[i] = Name(unchecked((int)run[i])).ToArray();
        }

        Array.Sort(names, static (a, b) => a.AsSpan().SequenceCompareTo(b));
        for (int i = 1; i < names.Length; i++)
        {
            if (names[i].AsSpan().SequenceEqual(names[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (_rentedStore is not null)
        {
            ArrayPool<byte>.Shared.Return(_rentedStore);
            _rentedStore = null;
        }

        if (_rentedEnds is not null)
        {
            ArrayPool<int>.Shared.Return(_rentedEnds);
            _rentedEnds = null;
        }
    }

    private readonly ReadOnlySpan<byte> Name(int index)
    {
        int start = index == 0 ? 0 : _ends[index - 1];
        return _store.Slice(start, _ends[index] - start);
    }

    private static uint Hash(ReadOnlySpan<byte> name)
    {
        // FNV-1a: stable and adequate here; the check compares the bytes of equal hashes anyway.
        // The multiplication wraps by design: unchecked even where the including project checks arithmetic.
        uint h = 2166136261;
        foreach (byte b in name)
        {
            h = unchecked((h ^ b) * 16777619);
        }

        return h;
    }

    private void Grow(ref Span<byte> span, ref byte[]? rented, int needed)
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, span.Length * 2));
        span.Slice(0, _used).CopyTo(bigger);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        rented = bigger;
        span = bigger;
    }

    private void GrowEnds()
    {
        int[] bigger = ArrayPool<int>.Shared.Rent(Math.Max(16, _ends.Length * 2));
        _ends.Slice(0, _count).CopyTo(bigger);
        if (_rentedEnds is not null)
        {
            ArrayPool<int>.Shared.Return(_rentedEnds);
        }

        _rentedEnds = bigger;
        _ends = bigger;
    }
}
