using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>
/// The strategy with a revocation store: what its tokens carry, why a read refuses one (revoked, before the cut-off,
/// no jti or iat, a failing store), what a logout stores, the cut-off rule, and that without a store nothing changes.
/// </summary>
public class StrategyRevocationTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(Strategies.Now);
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly TestClock _clock = new(Strategies.Now);
    private readonly TestUserManager _manager = new();
    private readonly TestUser _user;
    private readonly MemoryTokenRevocationStore _memory;

    public StrategyRevocationTests()
    {
        _user = _manager.Add(new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "arthur@camelot.bt"));
        _memory = new MemoryTokenRevocationStore(timeProvider: _clock);
    }

    [Fact]
    public async Task Write_AddsIatAndA128BitJti_AfterFastApiUsersClaims()
    {
        var strategy = RevocableStrategies.Create(_memory, _clock);
        string token = await strategy.WriteTokenAsync(_user);

        string json = RevocableStrategies.ClaimsJson(token);
        Match match = Regex.Match(json, """^\{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":\["fastapi-users:auth"\],"exp":1764003600,"iat":1764000000,"jti":"([A-Za-z0-9_-]{22})"\}$""");
        Assert.True(match.Success, json);
        byte[] random = JwtBase64Url.DecodeFromChars(match.Groups[1].Value);
        Assert.Equal(16, random.Length);
        Assert.Equal(match.Groups[1].Value, JwtBase64Url.EncodeToString(random)); // canonical Base64Url
    }

    [Fact]
    public async Task Write_EveryTokenGetsItsOwnJti()
    {
        var strategy = RevocableStrategies.Create(_memory, _clock);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(ids.Add(RevocableStrategies.Claims(await strategy.WriteTokenAsync(_user)).GetProperty("jti").GetString()!));
        }
    }

    [Fact]
    public async Task Write_IatAndExpComeFromOneReadingOfTheClock()
    {
        var strategy = RevocableStrategies.Create(_memory, _clock, lifetimeSeconds: 10);
        _clock.SetUtcNow(T0.AddMilliseconds(999.9));
        JsonElement claims = RevocableStrategies.Claims(await strategy.WriteTokenAsync(_user));
        Assert.Equal(Strategies.Now, claims.GetProperty("iat").GetInt64());
        Assert.Equal(Strategies.Now + 10, claims.GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task WithoutAStore_TokensAndLogoutAreFastApiUsers()
    {
        var plain = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, timeProvider: _clock);
        string token = await plain.WriteTokenAsync(_user);
        Assert.Equal("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600}""", RevocableStrategies.ClaimsJson(token));
        Assert.Null(plain.RevocationStore);
        await Assert.ThrowsAsync<StrategyDestroyNotSupportedException>(() => plain.DestroyTokenAsync(token, _user));
        Assert.Same(_user, await plain.ReadTokenAsync(token, _manager, Cancel));
        InvalidOperationException e = await Assert.ThrowsAsync<InvalidOperationException>(() => plain.RevokeAllTokensAsync(_user, Cancel));
        Assert.Contains("revocationStore", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RefusesAStoreWithoutALifetime()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, null, revocationStore: _memory));
        Assert.Equal("revocationStore", e.ParamName);
        Assert.Contains("lifetime", e.Message, StringComparison.Ordinal);
        Assert.Same(_memory, RevocableStrategies.Create(_memory, _clock).RevocationStore);
    }

    [Theory]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600}""", "jti")]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600,"iat":1764000000}""", "jti")]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600,"iat":1764000000,"jti":""}""", "jti")]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600,"jti":"abc"}""", "iat")]
    public async Task Read_RefusesATokenThatCannotBeRevoked(string claims, string missing)
    {
        var strategy = RevocableStrategies.Create(_memory, _clock);
        string token = Strategies.Sign(strategy, claims);
        Assert.Same(_user, await new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, timeProvider: _clock).ReadTokenAsync(token, _manager, Cancel));
        _manager.Lookups = 0;

        StrategyReadResult<TestUser> read = await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel);
        Assert.Null(read.User);
        Assert.Equal(JwtErrorCode.MissingClaim, read.Error.Code);
        Assert.Equal(missing, read.Error.Name);
        Assert.Equal(0, _manager.Lookups);
    }

    [Fact]
    public async Task Read_AForeignTokenWithJtiAndIat_IsCheckedLikeOurs()
    {
        var strategy = RevocableStrategies.Create(_memory, _clock);
        string token = Strategies.Sign(strategy, """{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600,"iat":1763999999.5,"jti":"python-made"}""");
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager, Cancel));
        await strategy.DestroyTokenAsync(token, _user);
        Assert.Equal(JwtErrorCode.Revoked, (await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel)).Error.Code);
    }

    [Fact]
    public async Task Read_AsksTheStoreAboutTheJtiAndTheSubject_BeforeTheUserLookup()
    {
        var store = new ScriptedRevocationStore(_memory);
        var strategy = RevocableStrategies.Create(store, _clock);
        string token = await strategy.WriteTokenAsync(_user);
        string jti = RevocableStrategies.Claims(token).GetProperty("jti").GetString()!;

        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager, Cancel));
        Assert.Equal(["revoked? " + jti, "cutoff? 00000000-0123-4567-890a-bcdef1234591"], store.Calls);

        await strategy.DestroyTokenAsync(token, _user);
        Assert.Null(await strategy.ReadTokenAsync(token, _manager, Cancel));
        Assert.Equal(1, _manager.Lookups); // the revoked token never reached the user manager
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Read_WithAnAsynchronousStore_GivesTheSameVerdicts(bool asynchronous)
    {
        var store = new ScriptedRevocationStore(_memory) { Asynchronous = asynchronous };
        var strategy = RevocableStrategies.Create(store, _clock);
        string token = await strategy.WriteTokenAsync(_user);
        string other = await strategy.WriteTokenAsync(_user);

        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager, Cancel));
        await strategy.DestroyTokenAsync(token, _user);
        StrategyReadResult<TestUser> read = await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel);
        Assert.Equal(JwtError.Payload(JwtErrorCode.Revoked, "jti"), read.Error);
        Assert.Same(_user, await strategy.ReadTokenAsync(other, _manager, Cancel));
        Assert.Null(await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(new TestUser(Guid.NewGuid(), "nobody")), _manager, Cancel));
    }

    public static TheoryData<bool, bool, bool> Failures => new()
    {
        { false, false, false }, { false, true, false }, { true, false, false }, { true, true, false },
        { false, false, true }, { false, true, true }, { true, false, true }, { true, true, true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Read_AgainstAFailingStore_FailsClosedWithoutThrowing(bool atOnce, bool asynchronous, bool cutoffOnly)
    {
        var store = new ScriptedRevocationStore(_memory) { Asynchronous = asynchronous, FailCutoffOnly = cutoffOnly };
        var strategy = RevocableStrategies.Create(store, _clock);
        string token = await strategy.WriteTokenAsync(_user);
        var failure = new TimeoutException("the store is down");
        if (atOnce)
        {
            store.ThrowAtOnce = failure;
        }
        else
        {
            store.Fault = failure;
        }

        Assert.Null(await strategy.ReadTokenAsync(token, _manager, Cancel));
        StrategyReadResult<TestUser> read = await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel);
        Assert.Null(read.User);
        Assert.Equal(JwtErrorCode.RevocationCheckFailed, read.Error.Code);
        Assert.Equal("the revocation store could not be consulted", read.Error.Message);
        Assert.Same(failure, read.Exception);
        Assert.Equal(0, _manager.Lookups);

        store.ThrowAtOnce = store.Fault = null;
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager, Cancel));
        Assert.Null((await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel)).Exception);
    }

    [Fact]
    public async Task Read_AFailingStoreThatDidReportARevocation_SaysRevoked()
    {
        var store = new ScriptedRevocationStore(_memory) { Asynchronous = true };
        var strategy = RevocableStrategies.Create(store, _clock);
        string token = await strategy.WriteTokenAsync(_user);
        await strategy.DestroyTokenAsync(token, _user);
        store.FailCutoffOnly = true;
        store.Fault = new TimeoutException();
        Assert.Equal(JwtErrorCode.Revoked, (await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel)).Error.Code);
    }

    [Fact]
    public async Task Read_TheCallersCancellationPassesThrough()
    {
        var store = new ScriptedRevocationStore(_memory) { Asynchronous = true };
        var strategy = RevocableStrategies.Create(store, _clock);
        string token = await strategy.WriteTokenAsync(_user);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        store.Fault = new OperationCanceledException(cancelled.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => strategy.ReadTokenAsync(token, _manager, cancelled.Token));

        // A cancellation the caller did not ask for is a failure of the store.
        Assert.Equal(JwtErrorCode.RevocationCheckFailed, (await strategy.ReadTokenWithReasonAsync(token, _manager, Cancel)).Error.Code);
    }

    [Fact]
    public async Task Destroy_RevokesTheJtiUntilExpPlusLeeway()
    {
        var store = new ScriptedRevocationStore(_memory);
        var strategy = RevocableStrategies.Create(store, _clock, lifetimeSeconds: 60, leeway: TimeSpan.FromSeconds(7));
        string token = await strategy.WriteTokenAsync(_user);
        await strategy.DestroyTokenAsync(token, _user);
        string jti = RevocableStrategies.Claims(token).GetProperty("jti").GetString()!;
        Assert.Equal(["revoke " + jti + " until " + (Strategies.Now + 67)], store.Calls);
    }

    [Fact]
    public async Task Destroy_ATokenExpiringAtTheEndOfTime_IsRevokedWithoutOverflow()
    {
        var strategy = RevocableStrategies.Create(_memory, _clock, leeway: TimeSpan.FromDays(1));
        string token = Strategies.Sign(strategy, """{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":253402300799,"iat":1764000000,"jti":"far"}""");
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager, Cancel));
        await strategy.DestroyTokenAsync(token, _user);
        Assert.True(await _memory.IsRevokedAsync("far", Cancel));
        Assert.Null(await strategy.ReadTokenAsync(token, _manager, Cancel));
    }

    [Fact]
    public async Task Destroy_LeavesATokenItWouldRefuseAnywayAlone()
    {
        var store = new ScriptedRevocationStore(_memory);
        var strategy = RevocableStrategies.Create(store, _clock, lifetimeSeconds: 60);
        string expired = await strategy.WriteTokenAsync(_user);
        string foreign = await RevocableStrategies.Create(_memory, _clock).WriteTokenAsync(_user);
        string otherKey = await new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret + "!", 60, timeProvider: _clock, revocationStore: _memory).WriteTokenAsync(_user);
        string withoutJti = Strategies.Sign(strategy, """{"sub":"x","aud":["fastapi-users:auth"],"exp":1764000060,"iat":1764000000}""");
        _clock.SetUtcNow(T0.AddSeconds(60));
        string valid = await strategy.WriteTokenAsync(_user);

        await strategy.DestroyTokenAsync(expired, _user);
        await strategy.DestroyTokenAsync(otherKey, _user);
        await strategy.DestroyTokenAsync(withoutJti, _user);
        await strategy.DestroyTokenAsync("not a token", _user);
        Assert.Empty(store.Calls);
        Assert.Equal(0, _memory.Count);
        await strategy.DestroyTokenAsync(valid, _user);
        Assert.Single(store.Calls);
        _ = foreign;
        await Assert.ThrowsAsync<ArgumentNullException>(() => strategy.DestroyTokenAsync(null!, _user));
        await Assert.ThrowsAsync<ArgumentNullException>(() => strategy.DestroyTokenAsync(valid, null!));
    }

    [Fact]
    public async Task Destroy_AFullStoreFaultsTheLogout()
    {
        var store = new MemoryTokenRevocationStore(capacity: 1, timeProvider: _clock);
        var strategy = RevocableStrategies.Create(store, _clock);
        await strategy.DestroyTokenAsync(await strategy.WriteTokenAsync(_user), _user);
        string second = await strategy.WriteTokenAsync(_user);
        await Assert.ThrowsAsync<InvalidOperationException>(() => strategy.DestroyTokenAsync(second, _user));
        Assert.Same(_user, await strategy.ReadTokenAsync(second, _manager, Cancel)); // not revoked, and the caller knows
    }

    [Fact]
    public async Task RevokeAll_SetsTheNextWholeSecond_UntilEveryOlderTokenHasExpired()
    {
        var store = new ScriptedRevocationStore(_memory);
        var strategy = RevocableStrategies.Create(store, _clock, lifetimeSeconds: 60, leeway: TimeSpan.FromSeconds(2));
        _clock.SetUtcNow(T0.AddMilliseconds(995));
        await strategy.RevokeAllTokensAsync(_user, Cancel);
        Assert.Equal(["cutoff 00000000-0123-4567-890a-bcdef1234591 at " + (Strategies.Now + 1) + " until " + (Strategies.Now + 63)], store.Calls);
        await Assert.ThrowsAsync<ArgumentNullException>(() => strategy.RevokeAllTokensAsync(null!, Cancel));
    }

    [Fact]
    public async Task RevokeAll_OnTheRealClock_RefusesEveryTokenBeforeIt_AndNoneAfterIt()
    {
        // The cut-off rule with real time: whatever the fraction of the second the call falls on, every token written
        // before it is refused and every token written after it completes is accepted.
        var store = new MemoryTokenRevocationStore();
        var strategy = RevocableStrategies.Create(store, TimeProvider.System);
        for (int round = 0; round < 3; round++)
        {
            string before = await strategy.WriteTokenAsync(_user);
            await Task.Delay(round * 150, Cancel);
            string justBefore = await strategy.WriteTokenAsync(_user);
            await strategy.RevokeAllTokensAsync(_user, Cancel);
            string after = await strategy.WriteTokenAsync(_user);

            Assert.Null(await strategy.ReadTokenAsync(before, _manager, Cancel));
            Assert.Null(await strategy.ReadTokenAsync(justBefore, _manager, Cancel));
            Assert.Same(_user, await strategy.ReadTokenAsync(after, _manager, Cancel));
        }
    }

    [Fact]
    public async Task RevokeAll_UsesTheUserIdFunction()
    {
        var store = new ScriptedRevocationStore(_memory);
        var strategy = new JwtStrategy<string, int>(StrategyTestKeys.HmacSecret, 60, userId: name => name.Length, timeProvider: _clock, revocationStore: store);
        _clock.SetUtcNow(T0.AddMilliseconds(999));
        await strategy.RevokeAllTokensAsync("merlin", Cancel);
        Assert.StartsWith("cutoff 6 at ", store.Calls.Single(), StringComparison.Ordinal);
    }
}
