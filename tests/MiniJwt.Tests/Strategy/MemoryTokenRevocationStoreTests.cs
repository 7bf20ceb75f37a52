using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>
/// The in-memory revocation store on its own (answers, expiry, the later cut-off, capacity, concurrency), then the
/// revocation behaviours of strategies sharing it, the same ones tests/MiniJwt.AspNetCore.Tests runs against Redis.
/// </summary>
public class MemoryTokenRevocationStoreTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(Strategies.Now);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestClock _clock = new(Strategies.Now);
    private readonly TestUserManager _manager = new();
    private readonly TestUser _arthur;
    private readonly TestUser _lancelot;

    public MemoryTokenRevocationStoreTests()
    {
        _arthur = _manager.Add("arthur@camelot.bt");
        _lancelot = _manager.Add("lancelot@camelot.bt");
    }

    // --- the store alone ---

    [Fact]
    public async Task Revoke_AnswersForThatIdUntilItExpires()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        await store.RevokeAsync("a", T0.AddSeconds(10), Cancel);

        Assert.True(await store.IsRevokedAsync("a", Cancel));
        Assert.False(await store.IsRevokedAsync("b", Cancel));
        Assert.False(await store.IsRevokedAsync("A", Cancel));
        _clock.SetUtcNow(T0.AddSeconds(10).AddTicks(-1));
        Assert.True(await store.IsRevokedAsync("a", Cancel));
        _clock.SetUtcNow(T0.AddSeconds(10));
        Assert.False(await store.IsRevokedAsync("a", Cancel));
        Assert.Equal(0, store.Count); // removed on the way
    }

    [Fact]
    public async Task Revoke_AnEntryAlreadyExpiredIsNotKept()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        await store.RevokeAsync("a", T0, Cancel);
        await store.SetCutoffAsync("u", T0, T0.AddSeconds(-1), Cancel);
        Assert.Equal(0, store.Count);
        Assert.False(await store.IsRevokedAsync("a", Cancel));
        Assert.Null(await store.GetCutoffAsync("u", Cancel));
    }

    [Fact]
    public async Task Revoke_AgainKeepsTheLaterExpiry()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        await store.RevokeAsync("a", T0.AddSeconds(20), Cancel);
        await store.RevokeAsync("a", T0.AddSeconds(10), Cancel);
        Assert.Equal(1, store.Count);
        _clock.SetUtcNow(T0.AddSeconds(15));
        Assert.True(await store.IsRevokedAsync("a", Cancel));
    }

    [Fact]
    public async Task Cutoff_IsKeptUntilItExpires_AndTheLaterOneWins()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        Assert.Null(await store.GetCutoffAsync("u", Cancel));

        await store.SetCutoffAsync("u", T0.AddSeconds(5), T0.AddSeconds(100), Cancel);
        Assert.Equal(T0.AddSeconds(5), await store.GetCutoffAsync("u", Cancel));
        Assert.Null(await store.GetCutoffAsync("v", Cancel));

        await store.SetCutoffAsync("u", T0.AddSeconds(3), T0.AddSeconds(50), Cancel);
        Assert.Equal(T0.AddSeconds(5), await store.GetCutoffAsync("u", Cancel));
        await store.SetCutoffAsync("u", T0.AddSeconds(7), T0.AddSeconds(80), Cancel);
        Assert.Equal(T0.AddSeconds(7), await store.GetCutoffAsync("u", Cancel));
        Assert.Equal(1, store.Count);

        _clock.SetUtcNow(T0.AddSeconds(99)); // the later expiry, 100, was kept
        Assert.Equal(T0.AddSeconds(7), await store.GetCutoffAsync("u", Cancel));
        _clock.SetUtcNow(T0.AddSeconds(100));
        Assert.Null(await store.GetCutoffAsync("u", Cancel));
        Assert.Equal(0, store.Count);

        // An expired entry is replaced, not merged.
        await store.SetCutoffAsync("u", T0.AddSeconds(1), T0.AddSeconds(200), Cancel);
        Assert.Equal(T0.AddSeconds(1), await store.GetCutoffAsync("u", Cancel));
    }

    [Fact]
    public async Task Capacity_IsNeverExceeded_AndNothingInForceIsDropped()
    {
        var store = new MemoryTokenRevocationStore(capacity: 3, timeProvider: _clock);
        await store.RevokeAsync("a", T0.AddSeconds(10), Cancel);
        await store.RevokeAsync("b", T0.AddSeconds(20), Cancel);
        await store.SetCutoffAsync("u", T0, T0.AddSeconds(30), Cancel);
        await store.RevokeAsync("a", T0.AddSeconds(15), Cancel); // an update needs no room

        InvalidOperationException full = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.RevokeAsync("c", T0.AddSeconds(10), Cancel));
        Assert.Contains("capacity of 3", full.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.SetCutoffAsync("v", T0, T0.AddSeconds(10), Cancel));
        Assert.Equal(3, store.Count);
        Assert.True(await store.IsRevokedAsync("a", Cancel));
        Assert.True(await store.IsRevokedAsync("b", Cancel));
        Assert.NotNull(await store.GetCutoffAsync("u", Cancel));

        // Once "a" (15 s) has expired, a full store sweeps it out and takes the new entry.
        _clock.SetUtcNow(T0.AddSeconds(15));
        await store.RevokeAsync("c", T0.AddSeconds(40), Cancel);
        Assert.Equal(3, store.Count);
        Assert.False(await store.IsRevokedAsync("a", Cancel));
        Assert.True(await store.IsRevokedAsync("c", Cancel));
    }

    [Fact]
    public async Task ExpiredEntries_AreSweptWithoutBeingRead()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        for (int i = 0; i < 100; i++)
        {
            await store.RevokeAsync("id" + i, T0.AddSeconds(30), Cancel);
            await store.SetCutoffAsync("user" + i, T0, T0.AddSeconds(30), Cancel);
        }

        Assert.Equal(200, store.Count);
        _clock.SetUtcNow(T0.AddMinutes(2)); // past the entries and the one-minute sweep interval
        await store.RevokeAsync("new", T0.AddMinutes(3), Cancel);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Constructor_RefusesAZeroCapacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MemoryTokenRevocationStore(0));
        Assert.Equal(MemoryTokenRevocationStore.DefaultCapacity, new MemoryTokenRevocationStore().Capacity);
    }

    [Fact]
    public async Task NullArguments_Throw()
    {
        var store = new MemoryTokenRevocationStore();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.IsRevokedAsync(null!, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.GetCutoffAsync(null!, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.RevokeAsync(null!, T0, Cancel));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.SetCutoffAsync(null!, T0, T0, Cancel));
    }

    [Fact]
    public async Task ParallelWritesAndReads_KeepTheCountAndEveryAnswer()
    {
        var store = new MemoryTokenRevocationStore(capacity: 10_000, timeProvider: _clock);
        int wrong = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), Cancel, async (thread, cancellationToken) =>
        {
            for (int i = 0; i < 500; i++)
            {
                string mine = thread + ":" + i, shared = "shared:" + (i % 50);
                await store.RevokeAsync(mine, T0.AddSeconds(60 + i), cancellationToken);
                await store.RevokeAsync(shared, T0.AddSeconds(60 + thread), cancellationToken);
                await store.SetCutoffAsync("user:" + (i % 20), T0.AddSeconds(thread), T0.AddSeconds(60), cancellationToken);
                if (!await store.IsRevokedAsync(mine, cancellationToken) || !await store.IsRevokedAsync(shared, cancellationToken)
                    || await store.IsRevokedAsync("never:" + i, cancellationToken) || await store.GetCutoffAsync("user:" + (i % 20), cancellationToken) is null)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
        Assert.Equal((8 * 500) + 50 + 20, store.Count);
        Assert.Equal(T0.AddSeconds(7), await store.GetCutoffAsync("user:3", Cancel)); // the latest of the eight
        _clock.SetUtcNow(T0.AddHours(1));
        await store.RevokeAsync("last", T0.AddHours(2), Cancel);
        Assert.Equal(1, store.Count);
    }

    // --- strategies sharing the store: the behaviours run against Redis too ---

    [Fact]
    public async Task TwoInstances_ALogoutOnOneIsSeenByTheOther()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        var one = RevocableStrategies.Create(store, _clock);
        var two = RevocableStrategies.Create(store, _clock);
        string token = await one.WriteTokenAsync(_arthur);
        string other = await two.WriteTokenAsync(_arthur);
        Assert.Same(_arthur, await two.ReadTokenAsync(token, _manager, Cancel));

        await one.DestroyTokenAsync(token, _arthur);

        Assert.Null(await two.ReadTokenAsync(token, _manager, Cancel));
        Assert.Null(await one.ReadTokenAsync(token, _manager, Cancel));
        StrategyReadResult<TestUser> read = await two.ReadTokenWithReasonAsync(token, _manager, Cancel);
        Assert.Equal(JwtErrorCode.Revoked, read.Error.Code);
        Assert.Equal("the token has been revoked (claim jti)", read.Error.Message);
        Assert.Same(_arthur, await two.ReadTokenAsync(other, _manager, Cancel)); // the user's other session stays
    }

    [Fact]
    public async Task LogOutEverywhere_RefusesEveryOlderTokenOfThatUserAndNoneOfAnother()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        var one = RevocableStrategies.Create(store, _clock);
        var two = RevocableStrategies.Create(store, _clock);
        _clock.SetUtcNow(T0.AddSeconds(-600));
        string old = await one.WriteTokenAsync(_arthur);
        _clock.SetUtcNow(T0.AddMilliseconds(200));
        string recent = await two.WriteTokenAsync(_arthur);
        string lancelots = await one.WriteTokenAsync(_lancelot);

        _clock.SetUtcNow(T0.AddMilliseconds(900));
        Task revokeAll = one.RevokeAllTokensAsync(_arthur, Cancel);
        Assert.False(revokeAll.IsCompleted); // it waits for the cut-off second, T0 + 1
        string sameSecond = await two.WriteTokenAsync(_arthur); // iat T0: refused by the rule
        await revokeAll;

        foreach (string token in new[] { old, recent, sameSecond })
        {
            StrategyReadResult<TestUser> read = await two.ReadTokenWithReasonAsync(token, _manager, Cancel);
            Assert.Null(read.User);
            Assert.Equal("the token has been revoked (claim iat)", read.Error.Message);
            Assert.Null(await one.ReadTokenAsync(token, _manager, Cancel));
        }

        Assert.Same(_lancelot, await two.ReadTokenAsync(lancelots, _manager, Cancel));
        _clock.SetUtcNow(T0.AddSeconds(1));
        string fresh = await two.WriteTokenAsync(_arthur);
        Assert.Same(_arthur, await one.ReadTokenAsync(fresh, _manager, Cancel));
        Assert.Same(_arthur, await two.ReadTokenAsync(fresh, _manager, Cancel));
    }

    [Fact]
    public async Task Entries_ExpireWithTheTokensTheyConcern()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        var strategy = RevocableStrategies.Create(store, _clock, lifetimeSeconds: 60, leeway: TimeSpan.FromSeconds(5));
        _clock.SetUtcNow(T0.AddMilliseconds(999));
        string token = await strategy.WriteTokenAsync(_arthur);
        await strategy.DestroyTokenAsync(token, _arthur);
        await strategy.RevokeAllTokensAsync(_lancelot, Cancel);
        Assert.Equal(2, store.Count);

        // The jti until exp + leeway = T0 + 65; the cut-off T0 + 1 until T0 + 1 + 60 + 5.
        _clock.SetUtcNow(T0.AddSeconds(65).AddTicks(-1));
        Assert.True(await store.IsRevokedAsync(JwtIdOf(token), Cancel));
        Assert.Null(await strategy.ReadTokenAsync(token, _manager, Cancel)); // still within the leeway, still refused
        _clock.SetUtcNow(T0.AddSeconds(65));
        Assert.False(await store.IsRevokedAsync(JwtIdOf(token), Cancel));
        Assert.NotNull(await store.GetCutoffAsync(_lancelot.Id.ToString(), Cancel));
        _clock.SetUtcNow(T0.AddSeconds(66));
        Assert.Null(await store.GetCutoffAsync(_lancelot.Id.ToString(), Cancel));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task EightThreadsReadingAndRevoking_GiveNoWrongVerdict()
    {
        var store = new MemoryTokenRevocationStore(timeProvider: _clock);
        var instances = new[] { RevocableStrategies.Create(store, _clock), RevocableStrategies.Create(store, _clock) };
        TestUser[] users = Enumerable.Range(0, 16).Select(i => _manager.Add("knight" + i + "@camelot.bt")).ToArray();
        string[] kept = await Task.WhenAll(users.Select(u => instances[0].WriteTokenAsync(u)));
        int wrong = 0, operations = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), Cancel, async (thread, cancellationToken) =>
        {
            for (int i = 0; i < 250; i++)
            {
                TestUser user = users[(thread + i) % users.Length];
                var writer = instances[i % 2];
                var reader = instances[(i + 1) % 2];
                string token = await writer.WriteTokenAsync(user);
                bool before = ReferenceEquals(user, await reader.ReadTokenAsync(token, _manager, cancellationToken));
                await writer.DestroyTokenAsync(token, user);
                bool after = await reader.ReadTokenAsync(token, _manager, cancellationToken) is null;
                bool keptReads = ReferenceEquals(user, await reader.ReadTokenAsync(kept[Array.IndexOf(users, user)], _manager, cancellationToken));
                if (!before || !after || !keptReads)
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref operations);
            }
        });

        Assert.Equal(8 * 250, operations);
        Assert.Equal(0, wrong);
        Assert.Equal(8 * 250, store.Count);
    }

    private static string JwtIdOf(string token) => RevocableStrategies.Claims(token).GetProperty("jti").GetString()!;
}
