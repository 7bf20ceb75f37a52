using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Strategy;

/// <summary>
/// A <see cref="ITokenRevocationStore"/> in the memory of one process: bounded, expiring and thread-safe. Use it when
/// the service runs as one instance; several instances share revocations through a distributed store instead.
/// </summary>
/// <remarks>
/// <para>An entry is forgotten once its expiry time has passed: expired entries answer as absent at once, and are
/// removed on the way (when read, and by a sweep at most once a minute, or whenever the store is full).</para>
/// <para>The store never drops an entry in force to make room: a revocation that is forgotten early would let the
/// token in again. When <see cref="Capacity"/> entries are in force, a new revocation throws
/// <see cref="InvalidOperationException"/> (the logout fails loudly) until some expire.</para>
/// <para>Revocations live in this process only and are lost when it stops.</para>
/// </remarks>
public sealed class MemoryTokenRevocationStore : ITokenRevocationStore
{
    /// <summary>The default <see cref="Capacity"/>: 100,000 entries, about 15 MB.</summary>
    public const int DefaultCapacity = 100_000;

    private static readonly long s_sweepInterval = TimeSpan.FromMinutes(1).Ticks;

    // Token identifier → expiry (UTC ticks); user → (cut-off, expiry) in UTC ticks.
    private readonly ConcurrentDictionary<string, long> _revoked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CutoffEntry> _cutoffs = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly object _sweepGate = new();
    private int _count;
    private long _nextSweep;

    /// <summary>Creates an empty store.</summary>
    /// <param name="capacity">The most entries (revoked identifiers plus cut-offs) in force at once; default <see cref="DefaultCapacity"/>.</param>
    /// <param name="timeProvider">The clock that expires entries; default <see cref="TimeProvider.System"/>. Give it the strategy's clock.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is zero or negative.</exception>
    public MemoryTokenRevocationStore(int capacity = DefaultCapacity, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _clock = timeProvider ?? TimeProvider.System;
        _nextSweep = _clock.GetUtcNow().UtcTicks + s_sweepInterval;
    }

    /// <summary>The most entries in force at once.</summary>
    public int Capacity { get; }

    /// <summary>The entries held now, some of which may have expired and not been removed yet.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="tokenId"/> is <see langword="null"/>.</exception>
    public ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (!_revoked.TryGetValue(tokenId, out long expires))
        {
            return new ValueTask<bool>(false);
        }

        if (expires > Now())
        {
            return new ValueTask<bool>(true);
        }

        Remove(_revoked, new KeyValuePair<string, long>(tokenId, expires));
        return new ValueTask<bool>(false);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="userId"/> is <see langword="null"/>.</exception>
    public ValueTask<DateTimeOffset?> GetCutoffAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (!_cutoffs.TryGetValue(userId, out CutoffEntry entry))
        {
            return new ValueTask<DateTimeOffset?>((DateTimeOffset?)null);
        }

        if (entry.Expires > Now())
        {
            return new ValueTask<DateTimeOffset?>(new DateTimeOffset(entry.Cutoff, TimeSpan.Zero));
        }

        Remove(_cutoffs, new KeyValuePair<string, CutoffEntry>(userId, entry));
        return new ValueTask<DateTimeOffset?>((DateTimeOffset?)null);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="tokenId"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Capacity"/> entries are in force.</exception>
    public ValueTask RevokeAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        long now = Now();
        long until = expires.UtcTicks;
        if (until <= now)
        {
            return default;
        }

        while (true)
        {
            if (_revoked.TryGetValue(tokenId, out long old))
            {
                // Keep the later expiry; an expired entry is simply replaced.
                long next = old > now ? Math.Max(old, until) : until;
                if (next == old || _revoked.TryUpdate(tokenId, next, old))
                {
                    return default;
                }

                continue;
            }

            Reserve(now);
            if (_revoked.TryAdd(tokenId, until))
            {
                return default;
            }

            Interlocked.Decrement(ref _count);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The store keeps the later of an existing cut-off in force and the new one, and the later expiry.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="userId"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Capacity"/> entries are in force.</exception>
    public ValueTask SetCutoffAsync(string userId, DateTimeOffset cutoff, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        long now = Now();
        var entry = new CutoffEntry(cutoff.UtcTicks, expires.UtcTicks);
        if (entry.Expires <= now)
        {
            return default;
        }

        while (true)
        {
            if (_cutoffs.TryGetValue(userId, out CutoffEntry old))
            {
                CutoffEntry next = old.Expires > now
                    ? new CutoffEntry(Math.Max(old.Cutoff, entry.Cutoff), Math.Max(old.Expires, entry.Expires))
                    : entry;
                if (next == old || _cutoffs.TryUpdate(userId, next, old))
                {
                    return default;
                }

                continue;
            }

            Reserve(now);
            if (_cutoffs.TryAdd(userId, entry))
            {
                return default;
            }

            Interlocked.Decrement(ref _count);
        }
    }

    private long Now() => _clock.GetUtcNow().UtcTicks;

    // Counts one more entry, sweeping expired ones when a minute has passed or the store is full.
    private void Reserve(long now)
    {
        if (now >= Interlocked.Read(ref _nextSweep))
        {
            Sweep(now, wait: false);
        }

        if (Interlocked.Increment(ref _count) <= Capacity)
        {
            return;
        }

        Interlocked.Decrement(ref _count);
        Sweep(now, wait: true);
        if (Interlocked.Increment(ref _count) <= Capacity)
        {
            return;
        }

        Interlocked.Decrement(ref _count);
        throw new InvalidOperationException(
            "The in-memory revocation store holds its capacity of " + Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + " entries in force, so this revocation cannot be kept: raise the capacity, shorten the token lifetime, or use a distributed store.");
    }

    // Removes every expired entry; one sweep at a time (a periodic sweep does not wait for a running one).
    private void Sweep(long now, bool wait)
    {
        bool taken = false;
        try
        {
            if (wait)
            {
                Monitor.Enter(_sweepGate, ref taken);
            }
            else
            {
                Monitor.TryEnter(_sweepGate, ref taken);
            }

            if (!taken)
            {
                return;
            }

            Interlocked.Exchange(ref _nextSweep, now + s_sweepInterval);
            foreach (KeyValuePair<string, long> item in _revoked)
            {
                if (item.Value <= now)
                {
                    Remove(_revoked, item);
                }
            }

            foreach (KeyValuePair<string, CutoffEntry> item in _cutoffs)
            {
                if (item.Value.Expires <= now)
                {
                    Remove(_cutoffs, item);
                }
            }
        }
        finally
        {
            if (taken)
            {
                Monitor.Exit(_sweepGate);
            }
        }
    }

    // Removes the entry only if it still holds the value seen (an entry renewed meanwhile stays).
    private void Remove<TValue>(ConcurrentDictionary<string, TValue> entries, KeyValuePair<string, TValue> item)
    {
        if (entries.TryRemove(item))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private readonly record struct CutoffEntry(long Cutoff, long Expires);
}
