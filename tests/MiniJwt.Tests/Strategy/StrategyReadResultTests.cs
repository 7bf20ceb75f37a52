using System;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>ReadTokenWithReasonAsync: the same verdict as ReadTokenAsync, with the reason of a refusal.</summary>
public class StrategyReadResultTests
{
    private readonly TestClock _clock = new(Strategies.Now);
    private readonly TestUserManager _manager = new();
    private readonly TestUser _user;

    public StrategyReadResultTests() => _user = _manager.Add(new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "arthur@camelot.bt"));

    private JwtStrategy<TestUser, Guid> Hs256() => new(StrategyTestKeys.HmacSecret, 3600, timeProvider: _clock);

    [Fact]
    public async Task ValidToken_User_NoError()
    {
        var strategy = Hs256();
        StrategyReadResult<TestUser> result = await strategy.ReadTokenWithReasonAsync(await strategy.WriteTokenAsync(_user), _manager);
        Assert.True(result.Succeeded);
        Assert.Same(_user, result.User);
        Assert.Equal(JwtErrorCode.None, result.Error.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task NoToken_Empty(string? token)
    {
        StrategyReadResult<TestUser> result = await Hs256().ReadTokenWithReasonAsync(token, _manager);
        Assert.False(result.Succeeded);
        Assert.Equal(JwtErrorCode.Empty, result.Error.Code);
    }

    [Fact]
    public async Task Expired_Tampered_OtherAudience_Malformed_GiveTheirCodes()
    {
        var strategy = Hs256();
        string token = await strategy.WriteTokenAsync(_user);
        string other = await new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: ["elsewhere"], timeProvider: _clock).WriteTokenAsync(_user);
        char last = token[^1] == 'A' ? 'B' : 'A';

        Assert.Equal(JwtErrorCode.InvalidSignature, (await strategy.ReadTokenWithReasonAsync(token[..^1] + last, _manager)).Error.Code);
        Assert.Equal(JwtErrorCode.InvalidAudience, (await strategy.ReadTokenWithReasonAsync(other, _manager)).Error.Code);
        Assert.Equal(JwtErrorCode.Malformed, (await strategy.ReadTokenWithReasonAsync("not a token", _manager)).Error.Code);
        _clock.UnixSeconds += 3600;
        StrategyReadResult<TestUser> expired = await strategy.ReadTokenWithReasonAsync(token, _manager);
        Assert.Null(expired.User);
        Assert.Equal(JwtErrorCode.Expired, expired.Error.Code);
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task NoSubject_MissingClaimSub()
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, """{"aud":["fastapi-users:auth"],"exp":1764003600}""");
        StrategyReadResult<TestUser> result = await strategy.ReadTokenWithReasonAsync(token, _manager);
        Assert.Equal(new JwtError(JwtErrorCode.MissingClaim, "sub"), result.Error);
    }

    [Theory]
    [InlineData("00000000-0123-4567-890a-bcdef1234592")] // a well-formed identifier of no user
    [InlineData("not-a-uuid")] // refused by TryParseId
    public async Task ValidToken_NoSuchUser_NullUser_NoError(string subject)
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, "{\"sub\":\"" + subject + "\",\"aud\":[\"fastapi-users:auth\"],\"exp\":1764003600}");
        StrategyReadResult<TestUser> result = await strategy.ReadTokenWithReasonAsync(token, _manager);
        Assert.False(result.Succeeded);
        Assert.Equal(JwtErrorCode.None, result.Error.Code);
    }

    [Fact]
    public async Task NullManager_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Hs256().ReadTokenWithReasonAsync("x", null!));
}
