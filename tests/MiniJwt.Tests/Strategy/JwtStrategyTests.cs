using System;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>
/// The intent of fastapi-users' JWT strategy tests, for HS256, RS256 (PKCS#1 private + SPKI public) and ES256
/// (PKCS#8 private + SPKI public), each with the secret as a string and as a <see cref="Secret"/>. Fixture tokens
/// carry a string <c>aud</c>, as fastapi-users' own fixtures do.
/// </summary>
public class JwtStrategyTests
{
    public static TheoryData<string, bool> Configurations => new()
    {
        { "HS256", false },
        { "HS256", true },
        { "RS256", false },
        { "RS256", true },
        { "ES256", false },
        { "ES256", true },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_NullToken_IsNull(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        Assert.Null(await strategy.ReadTokenAsync(null, new TestUserManager()));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_InvalidToken_IsNull(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        Assert.Null(await strategy.ReadTokenAsync("foo", new TestUserManager()));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_NoSubject_IsNull(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        string token = Strategies.Sign(strategy, new JwtClaims().Audience(Strategies.Audience).ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Null(await strategy.ReadTokenAsync(token, new TestUserManager()));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_SubjectNotAnId_IsNull(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        var manager = new TestUserManager();
        string token = Strategies.Sign(strategy, new JwtClaims().Subject("foo").Audience(Strategies.Audience).ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Null(await strategy.ReadTokenAsync(token, manager));
        Assert.Equal(0, manager.Lookups);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_UnknownUser_IsNull(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        var manager = new TestUserManager();
        string token = Strategies.Sign(strategy, new JwtClaims().Subject("d35d213e-f3d8-4f08-954a-7e0d1bea286f").Audience(Strategies.Audience).ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Null(await strategy.ReadTokenAsync(token, manager));
        Assert.Equal(1, manager.Lookups);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task ReadToken_ValidToken_ReturnsTheUser(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        var manager = new TestUserManager();
        TestUser user = manager.Add("king.arthur@camelot.bt");
        string token = Strategies.Sign(strategy, new JwtClaims().Subject(user.Id.ToString()).Audience(Strategies.Audience).ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)));

        TestUser? read = await strategy.ReadTokenAsync(token, manager);

        Assert.NotNull(read);
        Assert.Equal(user.Id, read.Id);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task WriteToken_DecodesToSubjectAudienceAndExpiry(string algorithm, bool wrapSecret)
    {
        var clock = new TestClock(Strategies.Now);
        var strategy = Strategies.Create(algorithm, wrapSecret, clock);
        var user = new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "king.arthur@camelot.bt");

        string token = await strategy.WriteTokenAsync(user);

        var options = new JwtValidationOptions(strategy.Algorithm) { Audiences = strategy.TokenAudience, TimeProvider = clock };
        Assert.True(Jwt.TryDecode(token, strategy.DecodeKey, options, out JwtToken jwt, out JwtError error), error.ToString());
        Assert.Equal("00000000-0123-4567-890a-bcdef1234591", jwt.Subject);
        Assert.Equal([Strategies.Audience], jwt.Audiences);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Strategies.Now + 3600), jwt.ExpiresAt);
        Assert.Equal(algorithm, JwtAlgorithms.GetName(jwt.Header.Algorithm));
        Assert.Equal("JWT", jwt.Header.Type);
        Assert.Equal(
            """{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":1764003600}""",
            System.Text.Encoding.UTF8.GetString(jwt.GetPayload()));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task WriteThenRead_ReturnsTheUser(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        var manager = new TestUserManager();
        TestUser user = manager.Add("lancelot@camelot.bt");

        Assert.Same(user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(user), manager));
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task DestroyToken_IsNotSupported(string algorithm, bool wrapSecret)
    {
        var strategy = Strategies.Create(algorithm, wrapSecret);
        var user = new TestUser(Guid.NewGuid(), "king.arthur@camelot.bt");

        var e = await Assert.ThrowsAsync<StrategyDestroyNotSupportedException>(() => strategy.DestroyTokenAsync("TOKEN", user));

        Assert.Equal("A JWT can't be invalidated: it's valid until it expires.", e.Message);
        Assert.IsAssignableFrom<NotSupportedException>(e);
    }

    [Fact]
    public void DestroyToken_ReturnsAFaultedTask_RatherThanThrowing()
    {
        var strategy = Strategies.Create("HS256", wrapSecret: false);
        Task task = strategy.DestroyTokenAsync("TOKEN", new TestUser(Guid.NewGuid(), "a@b.c"));
        Assert.True(task.IsFaulted);
        Assert.IsType<StrategyDestroyNotSupportedException>(task.Exception!.InnerException);
    }

    [Fact]
    public void Strategy_IsAnIStrategy()
    {
        IStrategy<TestUser, Guid> strategy = Strategies.Create("HS256", wrapSecret: true);
        Assert.IsType<JwtStrategy<TestUser, Guid>>(strategy);
        Assert.True(typeof(IStrategy<TestUser, Guid>).IsAssignableFrom(typeof(JwtStrategy<TestUser, Guid>)));
    }

    // ---- A service that reads tokens an identity provider issued: verificationKeys is a remote set ----

    private static string ProviderToken(JwtKey key, TestUser user) =>
        Jwt.Encode(System.Text.Encoding.UTF8.GetBytes("{\"sub\":\"" + user.Id + "\",\"aud\":[\"fastapi-users:auth\"],\"exp\":4000000000}"), key);

    [Fact]
    public async Task Reads_tokens_against_a_remote_set_waiting_for_the_refresh_that_brings_a_new_kid()
    {
        JwtKey idp1 = Keys.RemoteJwtKeySetTests.NewKey("idp-1"), idp2 = Keys.RemoteJwtKeySetTests.NewKey("idp-2");
        var clock = new Support.ManualTimeProvider();
        using var server = new Support.JwksTestServer();
        server.Publish(idp1);
        using var provider = MiniJwt.Remote.RemoteJwtKeySet.FromJwksUri(server.JwksUri, new MiniJwt.Remote.RemoteJwtKeySetOptions { TimeProvider = clock });
        using var own = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var strategy = new JwtStrategy<TestUser, Guid>(own.ExportECPrivateKeyPem(), 3600, algorithm: "ES256", keyId: "own", verificationKeys: provider.KeySet);
        var manager = new TestUserManager();
        TestUser user = manager.Add("lancelot@camelot.bt");
        CancellationToken cancel = TestContext.Current.CancellationToken;

        // No copy yet: the read waits for the first fetch.
        Assert.Same(user, await strategy.ReadTokenAsync(ProviderToken(idp1, user), manager, cancel));
        Assert.Equal(1, server.JwksRequests);

        // The strategy's own tokens still read, with no request.
        Assert.Same(user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(user), manager, cancel));

        // The provider rotates: the first token with the new kid after the cooldown waits for one refresh.
        server.Publish(idp1, idp2);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Same(user, await strategy.ReadTokenAsync(ProviderToken(idp2, user), manager, cancel));
        Assert.Equal(2, server.JwksRequests);

        // A token of a key nobody published: refused, within the cooldown without a request.
        StrategyReadResult<TestUser> refused = await strategy.ReadTokenWithReasonAsync(ProviderToken(Keys.RemoteJwtKeySetTests.NewKey("idp-9"), user), manager, cancel);
        Assert.Null(refused.User);
        Assert.Equal(JwtErrorCode.KeyNotFound, refused.Error.Code);
        Assert.Equal(2, server.JwksRequests);
    }

    [Fact]
    public async Task A_remote_set_that_cannot_be_fetched_refuses_its_tokens_with_KeySetUnavailable_and_own_tokens_still_read()
    {
        using var server = new Support.JwksTestServer { Mode = Support.JwksServerMode.Error500 };
        using var provider = MiniJwt.Remote.RemoteJwtKeySet.FromJwksUri(server.JwksUri, new MiniJwt.Remote.RemoteJwtKeySetOptions { TimeProvider = new Support.ManualTimeProvider() });
        using var own = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var strategy = new JwtStrategy<TestUser, Guid>(own.ExportECPrivateKeyPem(), 3600, algorithm: "ES256", keyId: "own", verificationKeys: provider.KeySet);
        var manager = new TestUserManager();
        TestUser user = manager.Add("gawain@camelot.bt");
        CancellationToken cancel = TestContext.Current.CancellationToken;

        StrategyReadResult<TestUser> refused = await strategy.ReadTokenWithReasonAsync(ProviderToken(Keys.RemoteJwtKeySetTests.NewKey("idp-1"), user), manager, cancel);
        Assert.Null(refused.User);
        Assert.Equal(new JwtError(JwtErrorCode.KeySetUnavailable), refused.Error);
        Assert.Equal(1, server.JwksRequests);
        Assert.Same(user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(user), manager, cancel));
    }
}
