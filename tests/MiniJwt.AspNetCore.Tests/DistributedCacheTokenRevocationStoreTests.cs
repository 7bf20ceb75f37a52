using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using MiniJwt.Strategy;
using StackExchange.Redis;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>A user of the revocation tests.</summary>
public sealed record Knight(Guid Id, string Name) : IUser<Guid>;

/// <summary>The knights, by identifier.</summary>
public sealed class Knights : IUserManager<Knight, Guid>
{
    private readonly ConcurrentDictionary<Guid, Knight> _byId = new();

    public Knight Add(string name)
    {
        var knight = new Knight(Guid.NewGuid(), name);
        _byId[knight.Id] = knight;
        return knight;
    }

    public bool TryParseId(string value, out Guid id) => UserIds.TryParseGuid(value, out id);

    public Task<Knight?> GetAsync(Guid id, CancellationToken cancellationToken = default) => Task.FromResult(_byId.GetValueOrDefault(id));
}

/// <summary>
/// The store over IDistributedCache: its keys and values on an in-memory cache, then the revocation behaviours of
/// strategies sharing a real Redis server (the same ones MiniJwt.Tests runs on the in-memory store): a logout on one
/// instance seen by another, log out everywhere, expiry, Redis stopped in the middle, eight threads.
/// </summary>
public sealed class DistributedCacheTokenRevocationStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string Secret = "a test secret that is long enough for HS256, 32+ bytes";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly Knights _knights = new();
    private readonly string _instance = "test-" + Guid.NewGuid().ToString("N") + ":";

    // --- keys and values, on the in-memory IDistributedCache ---

    [Fact]
    public async Task Keys_AndValues_AreDocumented()
    {
        var cache = NewMemoryCache();
        var store = new DistributedCacheTokenRevocationStore(cache);
        DateTimeOffset later = DateTimeOffset.UtcNow.AddMinutes(5);
        await store.RevokeAsync("abc", later, Cancel);
        await store.SetCutoffAsync("42", DateTimeOffset.FromUnixTimeSeconds(1764000001), later, Cancel);

        Assert.Equal("1", Encoding.ASCII.GetString((await cache.GetAsync("minijwt:revocation:jti:abc", Cancel))!));
        Assert.Equal("1764000001000", Encoding.ASCII.GetString((await cache.GetAsync("minijwt:revocation:cutoff:42", Cancel))!));
        Assert.True(await store.IsRevokedAsync("abc", Cancel));
        Assert.False(await store.IsRevokedAsync("abd", Cancel));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764000001), await store.GetCutoffAsync("42", Cancel));
        Assert.Null(await store.GetCutoffAsync("43", Cancel));

        var prefixed = new DistributedCacheTokenRevocationStore(cache, "app1:");
        await prefixed.RevokeAsync("abc", later, Cancel);
        Assert.NotNull(await cache.GetAsync("app1:jti:abc", Cancel));
        Assert.False(await prefixed.IsRevokedAsync("xyz", Cancel));
    }

    [Fact]
    public async Task LongIds_AreHashed()
    {
        var cache = NewMemoryCache();
        var store = new DistributedCacheTokenRevocationStore(cache);
        DateTimeOffset later = DateTimeOffset.UtcNow.AddMinutes(5);
        string exactly200 = new('a', 200), longer = new('a', 201), otherLonger = new('b', 201);
        await store.RevokeAsync(exactly200, later, Cancel);
        await store.RevokeAsync(longer, later, Cancel);

        Assert.NotNull(await cache.GetAsync("minijwt:revocation:jti:" + exactly200, Cancel));
        Assert.Null(await cache.GetAsync("minijwt:revocation:jti:" + longer, Cancel));
        Assert.NotNull(await cache.GetAsync("minijwt:revocation:jti#" + Sha256Base64Url(longer), Cancel));
        Assert.True(await store.IsRevokedAsync(longer, Cancel));
        Assert.False(await store.IsRevokedAsync(otherLonger, Cancel));
    }

    [Fact]
    public async Task AnEntryAlreadyExpired_IsNotWritten_AndTheLaterCutoffStays()
    {
        var cache = NewMemoryCache();
        var store = new DistributedCacheTokenRevocationStore(cache);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await store.RevokeAsync("gone", now.AddSeconds(-1), Cancel);
        await store.SetCutoffAsync("u", now, now.AddSeconds(-1), Cancel);
        Assert.False(await store.IsRevokedAsync("gone", Cancel));
        Assert.Null(await store.GetCutoffAsync("u", Cancel));

        await store.SetCutoffAsync("u", now.AddSeconds(10), now.AddMinutes(10), Cancel);
        await store.SetCutoffAsync("u", now.AddSeconds(5), now.AddMinutes(5), Cancel);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(now.AddSeconds(10).ToUnixTimeMilliseconds()), await store.GetCutoffAsync("u", Cancel));
        await store.SetCutoffAsync("u", now.AddSeconds(20), now.AddMinutes(20), Cancel);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(now.AddSeconds(20).ToUnixTimeMilliseconds()), await store.GetCutoffAsync("u", Cancel));
    }

    [Fact]
    public async Task ACorruptCutoff_Throws_AndTheStrategyRefusesTheToken()
    {
        var cache = NewMemoryCache();
        var store = new DistributedCacheTokenRevocationStore(cache);
        var strategy = NewStrategy(store);
        Knight arthur = _knights.Add("Arthur");
        string token = await strategy.WriteTokenAsync(arthur);
        await cache.SetAsync("minijwt:revocation:cutoff:" + arthur.Id.ToString("D"), "soon"u8.ToArray(), Cancel);

        await Assert.ThrowsAsync<FormatException>(async () => await store.GetCutoffAsync(arthur.Id.ToString("D"), Cancel));
        StrategyReadResult<Knight> read = await strategy.ReadTokenWithReasonAsync(token, _knights, Cancel);
        Assert.Null(read.User);
        Assert.Equal(JwtErrorCode.RevocationCheckFailed, read.Error.Code);
        Assert.IsType<FormatException>(read.Exception);
    }

    [Fact]
    public async Task NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new DistributedCacheTokenRevocationStore(null!));
        Assert.Throws<ArgumentNullException>(() => new DistributedCacheTokenRevocationStore(NewMemoryCache(), null!));
        var store = new DistributedCacheTokenRevocationStore(NewMemoryCache());
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.IsRevokedAsync(null!, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetCutoffAsync(null!, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.RevokeAsync(null!, DateTimeOffset.UtcNow, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SetCutoffAsync(null!, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, Cancel));
    }

    // --- strategies sharing a real Redis ---

    [Fact]
    public async Task Redis_TwoInstances_ALogoutOnOneIsSeenByTheOther()
    {
        using RedisCache cacheOne = NewRedisCache(), cacheTwo = NewRedisCache();
        var one = NewStrategy(new DistributedCacheTokenRevocationStore(cacheOne));
        var two = NewStrategy(new DistributedCacheTokenRevocationStore(cacheTwo));
        Knight arthur = _knights.Add("Arthur");
        string token = await one.WriteTokenAsync(arthur);
        string otherSession = await two.WriteTokenAsync(arthur);
        Assert.Same(arthur, await two.ReadTokenAsync(token, _knights, Cancel));

        await one.DestroyTokenAsync(token, arthur);

        StrategyReadResult<Knight> read = await two.ReadTokenWithReasonAsync(token, _knights, Cancel);
        Assert.Null(read.User);
        Assert.Equal("the token has been revoked (claim jti)", read.Error.Message);
        Assert.Null(await one.ReadTokenAsync(token, _knights, Cancel));
        Assert.Same(arthur, await one.ReadTokenAsync(otherSession, _knights, Cancel));
        Assert.Same(arthur, await two.ReadTokenAsync(otherSession, _knights, Cancel));
    }

    [Fact]
    public async Task Redis_LogOutEverywhere_RefusesEveryOlderTokenOfThatUserAndNoneOfAnother()
    {
        using RedisCache cacheOne = NewRedisCache(), cacheTwo = NewRedisCache();
        var one = NewStrategy(new DistributedCacheTokenRevocationStore(cacheOne));
        var two = NewStrategy(new DistributedCacheTokenRevocationStore(cacheTwo));
        Knight arthur = _knights.Add("Arthur"), lancelot = _knights.Add("Lancelot");
        string[] arthurs = [await one.WriteTokenAsync(arthur), await two.WriteTokenAsync(arthur), await one.WriteTokenAsync(arthur)];
        string[] lancelots = [await one.WriteTokenAsync(lancelot), await two.WriteTokenAsync(lancelot)];

        await one.RevokeAllTokensAsync(arthur, Cancel);

        foreach (string token in arthurs)
        {
            foreach (var instance in new[] { one, two })
            {
                StrategyReadResult<Knight> read = await instance.ReadTokenWithReasonAsync(token, _knights, Cancel);
                Assert.Null(read.User);
                Assert.Equal("the token has been revoked (claim iat)", read.Error.Message);
            }
        }

        foreach (string token in lancelots)
        {
            Assert.Same(lancelot, await one.ReadTokenAsync(token, _knights, Cancel));
            Assert.Same(lancelot, await two.ReadTokenAsync(token, _knights, Cancel));
        }

        string fresh = await two.WriteTokenAsync(arthur); // written after the call completed: accepted
        Assert.Same(arthur, await one.ReadTokenAsync(fresh, _knights, Cancel));
        Assert.Same(arthur, await two.ReadTokenAsync(fresh, _knights, Cancel));
    }

    [Fact]
    public async Task Redis_EntriesExpire_WithTheTokensTheyConcern()
    {
        // Connected, and the store's first call made, before the token is written: on a loaded machine a first connection
        // can take a good part of the token's lifetime, and the keys must still be there to be looked at.
        using ConnectionMultiplexer connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        IDatabase database = connection.GetDatabase();
        using RedisCache cache = NewRedisCache();
        var strategy = NewStrategy(new DistributedCacheTokenRevocationStore(cache), lifetimeSeconds: 4);
        Knight arthur = _knights.Add("Arthur");
        await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(_knights.Add("Warm-up")), _knights, Cancel);

        string token = await strategy.WriteTokenAsync(arthur);
        await strategy.DestroyTokenAsync(token, arthur);
        await strategy.RevokeAllTokensAsync(arthur, Cancel);

        string jtiKey = _instance + "minijwt:revocation:jti:" + JwtIdOf(token);
        string cutoffKey = _instance + "minijwt:revocation:cutoff:" + arthur.Id.ToString("D");
        Assert.True(await database.KeyExistsAsync(jtiKey));
        Assert.True(await database.KeyExistsAsync(cutoffKey));
        TimeSpan? jtiLeft = await database.KeyTimeToLiveAsync(jtiKey), cutoffLeft = await database.KeyTimeToLiveAsync(cutoffKey);
        Assert.InRange(jtiLeft!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(4)); // until exp
        Assert.InRange(cutoffLeft!.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5)); // until cut-off + lifetime

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await database.KeyExistsAsync(jtiKey) || await database.KeyExistsAsync(cutoffKey)) && waited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100, Cancel);
        }

        Assert.False(await database.KeyExistsAsync(jtiKey));
        Assert.False(await database.KeyExistsAsync(cutoffKey));
        Assert.InRange(waited.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Redis_StoppedInTheMiddle_ReadsFailClosed_NothingThrows()
    {
        // A server of its own: the class's server keeps serving the other tests.
        await using RedisServer server = await RedisServer.StartAsync();
        using RedisCache cache = NewRedisCache(server);
        var strategy = NewStrategy(new DistributedCacheTokenRevocationStore(cache));
        Knight arthur = _knights.Add("Arthur");
        string token = await strategy.WriteTokenAsync(arthur);
        string revoked = await strategy.WriteTokenAsync(arthur);
        await strategy.DestroyTokenAsync(revoked, arthur);
        Assert.Same(arthur, await strategy.ReadTokenAsync(token, _knights, Cancel));

        server.Stop();

        foreach (string each in new[] { token, revoked })
        {
            Task<Knight?> read = strategy.ReadTokenAsync(each, _knights, Cancel);
            Assert.Null(await read); // no exception: the task completed with no user
            StrategyReadResult<Knight> reason = await strategy.ReadTokenWithReasonAsync(each, _knights, Cancel);
            Assert.Null(reason.User);
            Assert.Equal(JwtErrorCode.RevocationCheckFailed, reason.Error.Code);
            Assert.IsAssignableFrom<RedisException>(reason.Exception);
        }

        // A logout cannot be stored either, and says so.
        await Assert.ThrowsAnyAsync<RedisException>(() => strategy.DestroyTokenAsync(token, arthur));

        // Back up (empty: this test server keeps nothing), reads succeed again once the client has reconnected.
        await server.RestartAsync();
        Knight? again = null;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (again is null && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            again = await strategy.ReadTokenAsync(token, _knights, Cancel);
            if (again is null)
            {
                await Task.Delay(200, Cancel);
            }
        }

        Assert.Same(arthur, again);
    }

    [Fact]
    public async Task Redis_EightThreadsReadingAndRevoking_GiveNoWrongVerdict()
    {
        using RedisCache cacheOne = NewRedisCache(), cacheTwo = NewRedisCache();
        var instances = new[] { NewStrategy(new DistributedCacheTokenRevocationStore(cacheOne)), NewStrategy(new DistributedCacheTokenRevocationStore(cacheTwo)) };
        Knight[] knights = Enumerable.Range(0, 16).Select(i => _knights.Add("Knight " + i)).ToArray();
        string[] kept = await Task.WhenAll(knights.Select(k => instances[0].WriteTokenAsync(k)));
        int wrong = 0, operations = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), Cancel, async (thread, cancellationToken) =>
        {
            for (int i = 0; i < 40; i++)
            {
                int index = (thread + i) % knights.Length;
                Knight knight = knights[index];
                var writer = instances[i % 2];
                var reader = instances[(i + 1) % 2];
                string token = await writer.WriteTokenAsync(knight);
                bool before = ReferenceEquals(knight, await reader.ReadTokenAsync(token, _knights, cancellationToken));
                await writer.DestroyTokenAsync(token, knight);
                bool after = await reader.ReadTokenAsync(token, _knights, cancellationToken) is null;
                bool keptReads = ReferenceEquals(knight, await reader.ReadTokenAsync(kept[index], _knights, cancellationToken));
                if (!before || !after || !keptReads)
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref operations);
            }
        });

        Assert.Equal(8 * 40, operations);
        Assert.Equal(0, wrong);
    }

    private static JwtStrategy<Knight, Guid> NewStrategy(ITokenRevocationStore store, int lifetimeSeconds = 3600) =>
        new(Secret, lifetimeSeconds, revocationStore: store);

    private static MemoryDistributedCache NewMemoryCache() => new(Options.Create(new MemoryDistributedCacheOptions()));

    private RedisCache NewRedisCache(RedisServer? server = null) =>
        new(Options.Create(new RedisCacheOptions { Configuration = (server ?? redis.Server).Configuration, InstanceName = _instance }));

    private static string JwtIdOf(string token)
    {
        string payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '=')));
        return claims.RootElement.GetProperty("jti").GetString()!;
    }

    private static string Sha256Base64Url(string value) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
