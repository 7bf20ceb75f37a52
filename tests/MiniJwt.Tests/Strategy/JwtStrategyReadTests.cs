using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>Every way a token reads as no user, and the ones that still read: time, audience, algorithm, subject.</summary>
public class JwtStrategyReadTests
{
    private readonly TestClock _clock = new(Strategies.Now);
    private readonly TestUserManager _manager = new();
    private readonly TestUser _user;

    public JwtStrategyReadTests() => _user = _manager.Add(new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "arthur@camelot.bt"));

    private JwtStrategy<TestUser, Guid> Hs256(int? lifetimeSeconds = 3600, string[]? audience = null, TimeSpan leeway = default) =>
        new(StrategyTestKeys.HmacSecret, lifetimeSeconds, tokenAudience: audience, leeway: leeway, timeProvider: _clock);

    private static string B64(string json) => JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task EmptyToken_IsNull() => Assert.Null(await Hs256().ReadTokenAsync("", _manager));

    [Fact]
    public async Task NullManager_Throws() =>
        await Assert.ThrowsAsync<ArgumentNullException>(() => Hs256().ReadTokenAsync("x", null!));

    [Fact]
    public async Task TamperedPayloadOrSignature_IsNull()
    {
        var strategy = Hs256();
        string token = await strategy.WriteTokenAsync(_user);
        string[] parts = token.Split('.');
        string otherPayload = B64("""{"sub":"00000000-0123-4567-890a-bcdef1234592","aud":["fastapi-users:auth"],"exp":1764003600}""");
        char last = parts[2][^1] == 'A' ? 'B' : 'A';

        Assert.Null(await strategy.ReadTokenAsync(parts[0] + "." + otherPayload + "." + parts[2], _manager));
        Assert.Null(await strategy.ReadTokenAsync(parts[0] + "." + parts[1] + "." + parts[2][..^1] + last, _manager));
        Assert.Null(await strategy.ReadTokenAsync(token + ".", _manager));
        Assert.Null(await strategy.ReadTokenAsync(" " + token, _manager));
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task OtherSecret_IsNull()
    {
        string token = await new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret + "!", 3600, timeProvider: _clock).WriteTokenAsync(_user);
        Assert.Null(await Hs256().ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task Expiry_ValidUntilTheSecondBeforeExp()
    {
        var strategy = Hs256();
        string token = await strategy.WriteTokenAsync(_user);

        _clock.UnixSeconds = Strategies.Now + 3599;
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds((Strategies.Now + 3599) * 1000 + 999));
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
        _clock.UnixSeconds = Strategies.Now + 3600; // PyJWT too: expired when exp == now
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task Exp_IsTheFlooredSecondPlusTheLifetime()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(Strategies.Now * 1000 + 999));
        string token = await Hs256().WriteTokenAsync(_user);
        Assert.Contains("\"exp\":1764003600}", Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])));
    }

    [Fact]
    public async Task Leeway_ExtendsExpiry()
    {
        var strategy = Hs256(leeway: TimeSpan.FromSeconds(30));
        string token = await strategy.WriteTokenAsync(_user);

        _clock.UnixSeconds = Strategies.Now + 3629;
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
        _clock.UnixSeconds = Strategies.Now + 3630;
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task WithLifetime_TokenWithoutExp_IsNull()
    {
        var strategy = Hs256();
        string token = await Hs256(lifetimeSeconds: null).WriteTokenAsync(_user);
        Assert.DoesNotContain("exp", Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])), StringComparison.Ordinal);
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task WithoutLifetime_TokenWithoutExp_IsValidForever()
    {
        var strategy = Hs256(lifetimeSeconds: null);
        string token = await strategy.WriteTokenAsync(_user);
        _clock.SetUtcNow(new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task WithoutLifetime_ExpIsStillHonoured()
    {
        string token = await Hs256().WriteTokenAsync(_user);
        var strategy = Hs256(lifetimeSeconds: null);
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
        _clock.UnixSeconds = Strategies.Now + 3600;
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task NotBeforeInTheFuture_IsNull()
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, new JwtClaims().Subject(_user.Id.ToString()).Audience(Strategies.Audience)
            .Add("exp", Strategies.Now + 3600).Add("nbf", Strategies.Now + 60));
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
        _clock.UnixSeconds = Strategies.Now + 60;
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task OtherAudience_IsNull()
    {
        string token = await Hs256(audience: ["another-app"]).WriteTokenAsync(_user);
        Assert.Null(await Hs256().ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task NoAudience_IsNull()
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, new JwtClaims().Subject(_user.Id.ToString()).Add("exp", Strategies.Now + 3600));
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Theory]
    [InlineData("""["other","fastapi-users:auth"]""")]
    [InlineData("\"fastapi-users:auth\"")]
    [InlineData("""["fastapi-users:auth","fastapi-users:auth"]""")]
    public async Task AnyAudienceOfTheToken_Matches(string aud)
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, $$"""{"sub":"{{_user.Id}}","aud":{{aud}},"exp":{{Strategies.Now + 3600}}}""");
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Theory]
    [InlineData("\"Fastapi-users:auth\"")]
    [InlineData("[]")]
    [InlineData("\"\"")]
    [InlineData("[1]")]
    [InlineData("null")]
    public async Task AudienceNotMatching_IsNull(string aud)
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, $$"""{"sub":"{{_user.Id}}","aud":{{aud}},"exp":{{Strategies.Now + 3600}}}""");
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task AnyConfiguredAudience_Matches()
    {
        var reader = Hs256(audience: ["web", "mobile"]);
        Assert.Same(_user, await reader.ReadTokenAsync(await Hs256(audience: ["mobile"]).WriteTokenAsync(_user), _manager));
        Assert.Same(_user, await reader.ReadTokenAsync(await Hs256(audience: ["cli", "web"]).WriteTokenAsync(_user), _manager));
        Assert.Null(await reader.ReadTokenAsync(await Hs256(audience: ["cli"]).WriteTokenAsync(_user), _manager));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("[\"00000000-0123-4567-890a-bcdef1234591\"]")]
    [InlineData("\"00000000-0123-4567-890A-BCDEF1234591 \"")]
    [InlineData("\"{00000000-0123-4567-890a-bcdef1234591}\"")]
    [InlineData("\"000000000123456789 0abcdef1234591\"")]
    public async Task SubjectNotACanonicalId_IsNull(string sub)
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, $$"""{"sub":{{sub}},"aud":["fastapi-users:auth"],"exp":{{Strategies.Now + 3600}}}""");
        Assert.Null(await strategy.ReadTokenAsync(token, _manager));
        Assert.Equal(0, _manager.Lookups);
    }

    [Fact]
    public async Task UpperCaseUuid_ReadsTheSameUser()
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, $$"""{"sub":"00000000-0123-4567-890A-BCDEF1234591","aud":["fastapi-users:auth"],"exp":{{Strategies.Now + 3600}}}""");
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Fact]
    public async Task OtherClaims_AreIgnored()
    {
        var strategy = Hs256();
        string token = Strategies.Sign(strategy, $$"""{"iss":"anyone","sub":"{{_user.Id}}","aud":["fastapi-users:auth"],"exp":{{Strategies.Now + 3600}},"iat":{{Strategies.Now}},"jti":"x","foo":{"bar":[1,2]} }""");
        Assert.Same(_user, await strategy.ReadTokenAsync(token, _manager));
    }

    [Theory]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600}""")]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":"1764003600"}""")]
    [InlineData("""{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":null}""")]
    [InlineData("""["sub"]""")]
    [InlineData("""{"sub":"\ud800","aud":["fastapi-users:auth"],"exp":1764003600}""")]
    public async Task OddButSignedPayloads_AreNull(string json)
    {
        var strategy = Hs256();
        Assert.Null(await strategy.ReadTokenAsync(Strategies.Sign(strategy, json), _manager));
    }

    [Fact]
    public async Task OtherAlgorithmWithTheSameSecret_IsNull()
    {
        // An HS512 token signed with the same bytes: the strategy accepts its one algorithm only.
        string secret = StrategyTestKeys.HmacSecret + StrategyTestKeys.HmacSecret;
        var hs512 = new JwtStrategy<TestUser, Guid>(secret, 3600, algorithm: "HS512", timeProvider: _clock);
        var hs256 = new JwtStrategy<TestUser, Guid>(secret, 3600, algorithm: "HS256", timeProvider: _clock);
        Assert.Null(await hs256.ReadTokenAsync(await hs512.WriteTokenAsync(_user), _manager));
    }

    [Fact]
    public async Task UnsignedToken_IsNull()
    {
        string payload = B64($$"""{"sub":"{{_user.Id}}","aud":["fastapi-users:auth"],"exp":{{Strategies.Now + 3600}}}""");
        Assert.Null(await Hs256().ReadTokenAsync(B64("""{"alg":"none","typ":"JWT"}""") + "." + payload + ".", _manager));
    }

    [Fact]
    public async Task PublicKeyUsedAsHmacSecret_IsNull()
    {
        // The key-confusion attack: an HS256 token "signed" with the RS256 public key must not read.
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", publicKey: StrategyTestKeys.Rsa.Public, timeProvider: _clock);
        string input = B64("""{"alg":"HS256","typ":"JWT"}""") + "." + B64($$"""{"sub":"{{_user.Id}}","aud":["fastapi-users:auth"],"exp":{{Strategies.Now + 3600}}}""");
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(StrategyTestKeys.Rsa.Public), Encoding.ASCII.GetBytes(input));
        Assert.Null(await strategy.ReadTokenAsync(input + "." + JwtBase64Url.EncodeToString(mac), _manager));
    }

    [Fact]
    public async Task RsaTokenWithAnotherKeyPair_IsNull()
    {
        using RSA other = RSA.Create(2048);
        var reader = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", timeProvider: _clock);
        var writer = new JwtStrategy<TestUser, Guid>(other.ExportPkcs8PrivateKeyPem(), 3600, algorithm: "RS256", timeProvider: _clock);
        Assert.Null(await reader.ReadTokenAsync(await writer.WriteTokenAsync(_user), _manager));
    }

    [Fact]
    public async Task ManagerExceptions_PassThrough()
    {
        var strategy = Hs256();
        string token = await strategy.WriteTokenAsync(_user);
        await Assert.ThrowsAsync<InvalidOperationException>(() => strategy.ReadTokenAsync(token, new FailingManager()));
    }

    [Fact]
    public async Task CancellationToken_ReachesTheManager()
    {
        var strategy = Hs256();
        string token = await strategy.WriteTokenAsync(_user);
        using var cts = new CancellationTokenSource();
        var manager = new FailingManager();
        await Assert.ThrowsAsync<InvalidOperationException>(() => strategy.ReadTokenAsync(token, manager, cts.Token));
        Assert.Equal(cts.Token, manager.Seen);
    }

    private sealed class FailingManager : IUserManager<TestUser, Guid>
    {
        public CancellationToken Seen;

        public bool TryParseId(string value, out Guid id) => UserIds.TryParseGuid(value, out id);

        public Task<TestUser?> GetAsync(Guid id, CancellationToken cancellationToken = default)
        {
            Seen = cancellationToken;
            return Task.FromException<TestUser?>(new InvalidOperationException("the database is down"));
        }
    }
}
