using System;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using MiniJwt.Strategy;

namespace MiniJwt.AspNetCore;

/// <summary>
/// A <see cref="ITokenRevocationStore"/> over ASP.NET Core's <see cref="IDistributedCache"/> (Redis, SQL Server, …):
/// every instance of a service that uses the same cache sees the same revocations. Each entry is written with the
/// cache's absolute expiration, so the cache forgets it once no token it concerns can still be valid.
/// </summary>
/// <remarks>
/// <para>Keys are <c>{prefix}jti:{jti}</c> (value <c>1</c>) and <c>{prefix}cutoff:{user id}</c> (value: the cut-off in
/// Unix milliseconds, ASCII digits); a <c>jti</c> or an identifier longer than 200 characters is replaced by its
/// SHA-256 in Base64Url (<c>jti#…</c>, <c>cutoff#…</c>), to stay within every cache's key limits.</para>
/// <para>The cache's exceptions pass through; the strategy refuses the token when a read fails (fail closed) and a
/// logout fails when the write does. Setting a cut-off reads the one in force first and keeps the later one; two
/// instances setting one for the same user at the same moment may both write, the last one staying.</para>
/// </remarks>
public sealed class DistributedCacheTokenRevocationStore : ITokenRevocationStore
{
    /// <summary>The default key prefix.</summary>
    public const string DefaultKeyPrefix = "minijwt:revocation:";

    private const int LongestKeyPart = 200;
    private static readonly byte[] s_revoked = "1"u8.ToArray();

    private readonly IDistributedCache _cache;
    private readonly TimeProvider _clock;

    /// <summary>Creates the store over <paramref name="cache"/>.</summary>
    /// <param name="cache">The distributed cache all instances share.</param>
    /// <param name="keyPrefix">Put before every key, to share the cache with other uses; default <see cref="DefaultKeyPrefix"/>.</param>
    /// <param name="timeProvider">The clock that turns expiry times into the time left to live; default <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="cache"/> or <paramref name="keyPrefix"/> is <see langword="null"/>.</exception>
    public DistributedCacheTokenRevocationStore(IDistributedCache cache, string keyPrefix = DefaultKeyPrefix, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(keyPrefix);
        _cache = cache;
        KeyPrefix = keyPrefix;
        _clock = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The prefix of every key.</summary>
    public string KeyPrefix { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="tokenId"/> is <see langword="null"/>.</exception>
    public async ValueTask<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        return await _cache.GetAsync(Key("jti", tokenId), cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="userId"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The entry in the cache is not a cut-off this store wrote.</exception>
    public async ValueTask<DateTimeOffset?> GetCutoffAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        byte[]? value = await _cache.GetAsync(Key("cutoff", userId), cancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return null;
        }

        if (!Utf8Parser.TryParse(value, out long milliseconds, out int used) || used != value.Length
            || milliseconds < -62_135_596_800_000 || milliseconds > 253_402_300_799_999)
        {
            throw new FormatException("The revocation cut-off in the distributed cache is not a Unix time in milliseconds.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="tokenId"/> is <see langword="null"/>.</exception>
    public async ValueTask RevokeAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        if (TimeLeft(expires) is TimeSpan left)
        {
            await _cache.SetAsync(Key("jti", tokenId), s_revoked, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="userId"/> is <see langword="null"/>.</exception>
    public async ValueTask SetCutoffAsync(string userId, DateTimeOffset cutoff, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (TimeLeft(expires) is not TimeSpan left)
        {
            return;
        }

        // A later cut-off in force stays (it also expires later, as the strategy writes them).
        DateTimeOffset? current = await GetCutoffAsync(userId, cancellationToken).ConfigureAwait(false);
        if (current >= cutoff)
        {
            return;
        }

        byte[] value = Encoding.ASCII.GetBytes(cutoff.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        await _cache.SetAsync(Key("cutoff", userId), value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left }, cancellationToken)
            .ConfigureAwait(false);
    }

    // The time to live, or null when the entry has already expired (a cache refuses an expiration in the past).
    private TimeSpan? TimeLeft(DateTimeOffset expires)
    {
        TimeSpan left = expires - _clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    private string Key(string kind, string value)
    {
        if (value.Length <= LongestKeyPart)
        {
            return KeyPrefix + kind + ":" + value;
        }

        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
        return KeyPrefix + kind + "#" + Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
