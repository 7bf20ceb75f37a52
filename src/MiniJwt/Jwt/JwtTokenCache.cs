using System;
using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace MiniJwt;

/// <summary>
/// Remembers tokens that passed a full verification, so that a token presented again (a bearer token usually is)
/// skips the signature and the claims pass: only <c>exp</c>, <c>nbf</c> and <c>iat</c> are checked again, against the
/// current clock of the options. Opt-in: set it as <see cref="JwtValidationOptions.TokenCache"/>.
/// </summary>
/// <remarks>
/// <para><b>What is remembered.</b> After <see cref="Jwt"/> has verified a token in full (signature and every claim
/// rule), the exact token text (ordinal), the key object that verified it and the options object it was verified under.
/// A later decode is a hit only for the same text, the same key object and the same options object (both immutable, so
/// their identity is their content): another key, a key made again from the same secret, or other options are a miss
/// and verify in full. Any other spelling of a token (an ECDSA signature respelled, a different Base64Url character)
/// is another text, so a miss. A refused token never enters, so invalid tokens cannot grow the cache.</para>
/// <para><b>On a hit</b> the time claims are checked against <see cref="JwtValidationOptions.TimeProvider"/> now, with
/// <see cref="JwtValidationOptions.Leeway"/>: an expired token is refused (and forgotten) even when remembered.</para>
/// <para><b>Bounds and eviction.</b> The cache holds at most <see cref="MaxEntries"/> entries and at most
/// <see cref="MaxBytes"/> bytes, counted as twice the length of the token and of the header texts read from it (<c>typ</c>,
/// <c>kid</c>, <c>cty</c>, unless shared with the key), plus <see cref="EntryOverhead"/> per entry (the remembered verdict; the slot table of 8 bytes per entry is allocated once, beside it). Each token
/// has a pair of slots, chosen by a hash of its length and last 16 characters (signature characters, which an attacker
/// cannot choose for a token that verifies); a newly verified token takes an empty slot of its pair, or else replaces
/// one of the two, chosen by the hash (so two tokens of one pair never displace each other). If
/// the byte budget would still be exceeded once that occupant is gone, the new token is verified but not remembered.
/// An expired entry is dropped when it is next looked up; <see cref="Clear"/> drops everything.</para>
/// <para><b>Concurrency.</b> Safe to share between threads. A lookup takes no lock (one volatile read of the slot);
/// adding swaps the slot atomically.</para>
/// </remarks>
public sealed class JwtTokenCache
{
    /// <summary>The default <see cref="MaxEntries"/>.</summary>
    public const int DefaultMaxEntries = 4096;

    /// <summary>The default <see cref="MaxBytes"/>: 4 MiB.</summary>
    public const long DefaultMaxBytes = 4L * 1024 * 1024;

    /// <summary>The bytes counted per entry besides the token text (twice its length): the entry object and the verdict it holds.</summary>
    public const int EntryOverhead = 192;

    // The hash looks at the length and the last HashedLength characters: the end of the signature.
    private const int HashedLength = 16;

    private readonly Entry?[] _slots;
    private readonly long _maxBytes;
    private long _bytes;
    private int _count;

    /// <summary>Creates an empty cache.</summary>
    /// <param name="maxEntries">The most tokens remembered at once; 1 to 2²⁰. Default <see cref="DefaultMaxEntries"/>.</param>
    /// <param name="maxBytes">The most bytes the remembered tokens may take (see the remarks); at least 1 KiB. Default <see cref="DefaultMaxBytes"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEntries"/> or <paramref name="maxBytes"/> is out of range.</exception>
    public JwtTokenCache(int maxEntries = DefaultMaxEntries, long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxEntries, 1 << 20);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024L);
        _slots = new Entry?[maxEntries];
        _maxBytes = maxBytes;
    }

    /// <summary>The most tokens remembered at once.</summary>
    public int MaxEntries => _slots.Length;

    /// <summary>The most bytes the remembered tokens may take, as counted in the remarks.</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>The number of tokens remembered now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The bytes the remembered tokens take now, as counted in the remarks; never more than <see cref="MaxBytes"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Forgets every token.</summary>
    public void Clear()
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            Release(Interlocked.Exchange(ref _slots[i], null));
        }
    }

    /// <summary>The bytes an entry for a token of <paramref name="length"/> characters counts for, its header texts aside.</summary>
    internal static long SizeOf(int length) => (2L * length) + EntryOverhead;

    /// <summary>The remembered verdict for this text under this verifier and these options, or <see langword="null"/>.</summary>
    internal Entry? Find(string token, object verifier, JwtValidationOptions options)
    {
        int length = token.Length;
        if (length < HashedLength)
        {
            return null;
        }

        Span<byte> tail = stackalloc byte[HashedLength];
        if (Ascii.FromUtf16(token.AsSpan(length - HashedLength), tail, out _) != OperationStatus.Done)
        {
            return null;
        }

        int slot = SlotOf(length, tail, out _);
        return Matches(Volatile.Read(ref _slots[slot]), token, verifier, options)
            ?? Matches(Volatile.Read(ref _slots[Partner(slot)]), token, verifier, options);
    }

    /// <summary>The remembered verdict for this text (ASCII bytes) under this verifier and these options, or <see langword="null"/>.</summary>
    internal Entry? Find(ReadOnlySpan<byte> token, object verifier, JwtValidationOptions options)
    {
        int length = token.Length;
        if (length < HashedLength)
        {
            return null;
        }

        int slot = SlotOf(length, token.Slice(length - HashedLength), out _);
        return Matches(Volatile.Read(ref _slots[slot]), token, verifier, options)
            ?? Matches(Volatile.Read(ref _slots[Partner(slot)]), token, verifier, options);
    }

    /// <summary>Remembers a token that has just passed a full verification; see the remarks of the type for the eviction rule.</summary>
    internal void Add(string token, object verifier, JwtValidationOptions options, JwsLayout layout, JwtHeader header, RegisteredClaims claims)
    {
        int length = token.Length;
        long size = SizeOf(length) + TextSize(header.Type, JwsHeaderWriter.JwtType) + TextSize(header.KeyId, (verifier as JwtKey)?.KeyId)
            + TextSize(header.ContentType, null);
        if (length < HashedLength || size > _maxBytes)
        {
            return;
        }

        Span<byte> tail = stackalloc byte[HashedLength];
        if (Ascii.FromUtf16(token.AsSpan(length - HashedLength), tail, out _) != OperationStatus.Done)
        {
            return;
        }

        // Two slots per token: an empty one if there is one, else one of the two by a bit of the hash.
        int first = SlotOf(length, tail, out bool pick);
        int second = Partner(first);
        int chosen = Volatile.Read(ref _slots[first]) is null ? first
            : Volatile.Read(ref _slots[second]) is null ? second
            : pick ? second : first;
        ref Entry? slot = ref _slots[chosen];

        // The occupant leaves first, then the new entry reserves its bytes; were the budget exceeded, it is not remembered.
        // Bytes are reserved before the slot is filled, so Bytes never passes MaxBytes, even between threads.
        Release(Interlocked.Exchange(ref slot, null));
        if (Interlocked.Add(ref _bytes, size) > _maxBytes)
        {
            Interlocked.Add(ref _bytes, -size);
            return;
        }

        var entry = new Entry(token, verifier, options, layout, header, claims, size);
        if (Interlocked.CompareExchange(ref slot, entry, null) is null)
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            // Another thread filled the slot meanwhile: its entry stays.
            Interlocked.Add(ref _bytes, -size);
        }
    }

    /// <summary>Forgets an entry found to be expired, unless its slot has moved on.</summary>
    internal void Remove(Entry entry)
    {
        int length = entry.Token.Length;
        Span<byte> tail = stackalloc byte[HashedLength];
        Ascii.FromUtf16(entry.Token.AsSpan(length - HashedLength), tail, out _);
        int slot = SlotOf(length, tail, out _);
        if (Interlocked.CompareExchange(ref _slots[slot], null, entry) == entry
            || Interlocked.CompareExchange(ref _slots[Partner(slot)], null, entry) == entry)
        {
            Release(entry);
        }
    }

    // A header text read from this token counts; one shared with the key (its kid, the "JWT" literal) does not.
    private static long TextSize(string? text, string? shared) => text is null || ReferenceEquals(text, shared) ? 0 : 2L * text.Length;

    private void Release(Entry? entry)
    {
        if (entry is not null)
        {
            Interlocked.Add(ref _bytes, -entry.Size);
            Interlocked.Decrement(ref _count);
        }
    }

    // The slot of a token: its length and its last 16 characters (as ASCII bytes), through the per-process randomized HashCode.
    // pick: one more bit of the hash, which of the two slots a token replaces when both are taken.
    private int SlotOf(int length, ReadOnlySpan<byte> tail, out bool pick)
    {
        ulong low = MemoryMarshal.Read<ulong>(tail);
        ulong high = MemoryMarshal.Read<ulong>(tail.Slice(8));
        uint hash = unchecked((uint)HashCode.Combine(length, low, high));
        pick = (hash & 0x8000_0000u) != 0;
        return (int)((hash & 0x7FFFFFFF) % (uint)_slots.Length);
    }

    // The other slot of a token's pair (slots 2k and 2k + 1); the last slot of an odd table is its own partner.
    private int Partner(int slot) => (slot ^ 1) < _slots.Length ? slot ^ 1 : slot;

    private static Entry? Matches(Entry? entry, string token, object verifier, JwtValidationOptions options) =>
        entry is not null && ReferenceEquals(entry.Verifier, verifier) && ReferenceEquals(entry.Options, options)
        && string.Equals(entry.Token, token, StringComparison.Ordinal)
            ? entry
            : null;

    private static Entry? Matches(Entry? entry, ReadOnlySpan<byte> token, object verifier, JwtValidationOptions options) =>
        entry is not null && ReferenceEquals(entry.Verifier, verifier) && ReferenceEquals(entry.Options, options)
        && entry.Token.Length == token.Length && Ascii.Equals(token, entry.Token)
            ? entry
            : null;

    /// <summary>A remembered verdict: all a <see cref="JwtToken"/> needs, and what it was verified with. Immutable.</summary>
    internal sealed class Entry
    {
        public Entry(string token, object verifier, JwtValidationOptions options, JwsLayout layout, JwtHeader header, RegisteredClaims claims, long size)
        {
            Token = token;
            Verifier = verifier;
            Options = options;
            Layout = layout;
            Header = header;
            Claims = claims;
            Size = size;
        }

        public string Token { get; }

        public object Verifier { get; }

        public JwtValidationOptions Options { get; }

        public JwsLayout Layout { get; }

        public JwtHeader Header { get; }

        public RegisteredClaims Claims { get; }

        public long Size { get; }
    }
}
