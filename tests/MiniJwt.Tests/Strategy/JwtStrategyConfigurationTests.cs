using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>Configuration mistakes fail in the constructor, naming the argument and saying what to do.</summary>
public class JwtStrategyConfigurationTests
{
    private const string BrokenRsaPem = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----";

    [Fact]
    public void TheSeedExample_IsRefusedWithAClearMessage()
    {
        // JWTStrategy(secret="SECRET", lifetime_seconds=3600), as the fastapi-users page writes it.
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(secret: "SECRET", lifetimeSeconds: 3600));

        Assert.Equal("secret", e.ParamName);
        Assert.Contains("6 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("32 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("allowWeakKey: true", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSeedExample_WorksWithTheOptOut()
    {
        var clock = new TestClock(1764000000);
        var strategy = new JwtStrategy<TestUser, Guid>(secret: "SECRET", lifetimeSeconds: 3600, timeProvider: clock, allowWeakKey: true);
        var user = new TestUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"), "a@b.c");

        string token = await strategy.WriteTokenAsync(user);

        // fastapi-users' token for the same secret, user and second (Vectors/write_token.json).
        Assert.Equal(
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMTIzLTQ1NjctODkwYS1iY2RlZjEyMzQ1OTEiLCJhdWQiOlsiZmFzdGFwaS11c2VyczphdXRoIl0sImV4cCI6MTc2NDAwMzYwMH0.p1OpLzJouQfURGFHhRdNyYOYsh5fOEphO33WhxVTrmc",
            token);
        var manager = new TestUserManager();
        manager.Add(user);
        Assert.Equal(user, await strategy.ReadTokenAsync(token, manager));
    }

    [Theory]
    [InlineData("HS384", 47)]
    [InlineData("HS512", 63)]
    [InlineData("HS256", 31)]
    public void ShortHmacSecrets_AreRefused(string algorithm, int length)
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(new string('k', length), 3600, algorithm: algorithm));
        Assert.Equal("secret", e.ParamName);
        _ = new JwtStrategy<TestUser, Guid>(new string('k', length + 1), 3600, algorithm: algorithm);
    }

    [Fact]
    public void EmptySecret_IsRefused()
    {
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>("", 3600, allowWeakKey: true)).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(new Secret(""), 3600, algorithm: "RS256")).ParamName);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new JwtStrategy<TestUser, Guid>((string)null!, 3600));
        Assert.Throws<ArgumentNullException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, algorithm: null!));
        Assert.Throws<ArgumentNullException>(() => new Secret(null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void ZeroOrNegativeLifetime_IsOutOfRange(int lifetime)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, lifetime));
        Assert.Equal("lifetimeSeconds", e.ParamName);
        Assert.Contains("null", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(86401)]
    public void LeewayOutOfRange_Throws(int seconds) =>
        Assert.Equal("leeway", Assert.Throws<ArgumentOutOfRangeException>(
            () => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, leeway: TimeSpan.FromSeconds(seconds))).ParamName);

    [Theory]
    [InlineData("HS257", "not supported")]
    [InlineData("EdDSA", "not supported")]
    [InlineData("ES256K", "not supported")]
    [InlineData("", "not supported")]
    [InlineData("hs256", "use \"HS256\"")]
    [InlineData("Rs256", "use \"RS256\"")]
    [InlineData("none", "never")]
    [InlineData("None", "never")]
    public void UnknownAlgorithm_IsRefused(string algorithm, string hint)
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, algorithm: algorithm));
        Assert.Equal("algorithm", e.ParamName);
        Assert.Contains(hint, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS384")]
    [InlineData("HS512")]
    [InlineData("RS256")]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("PS384")]
    [InlineData("PS512")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public async Task EveryAlgorithm_RoundTrips(string algorithm)
    {
        string secret = algorithm switch
        {
            "ES384" => ExportEc(ECCurve.NamedCurves.nistP384),
            "ES512" => ExportEc(ECCurve.NamedCurves.nistP521),
            ['E', ..] => StrategyTestKeys.Ec.Private,
            ['R' or 'P', ..] => StrategyTestKeys.Rsa.Private,
            _ => new string('s', 64),
        };
        var strategy = new JwtStrategy<TestUser, Guid>(secret, 3600, algorithm: algorithm);
        var manager = new TestUserManager();
        TestUser user = manager.Add("percival@camelot.bt");

        Assert.Equal(algorithm, JwtAlgorithms.GetName(strategy.Algorithm));
        Assert.Same(user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(user), manager));
    }

    [Fact]
    public void PemAsHmacSecret_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("\"RS256\"", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MII", e.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Public, 3600, algorithm: "HS512"));
        Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host", 3600));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("HS512")]
    public void PublicKeyWithHmac_IsRefused(string algorithm)
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(new string('s', 64), 3600, algorithm: algorithm, publicKey: StrategyTestKeys.Rsa.Public));
        Assert.Equal("publicKey", e.ParamName);
        Assert.Contains("Remove publicKey", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPublicKey_CountsAsNone()
    {
        // fastapi-users decodes with `public_key or secret`: an empty string or SecretStr falls back to the secret.
        _ = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, publicKey: "");
        _ = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, publicKey: new Secret(""));
        var rsa = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", publicKey: new Secret(""));
        Assert.False(rsa.DecodeKey.CanSign);
        Assert.True(rsa.DecodeKey.PublicKeyEquals(rsa.EncodeKey));
    }

    [Fact]
    public void BrokenPem_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(BrokenRsaPem, 3600, algorithm: "RS256"));
        Assert.Equal("secret", e.ParamName);
        Assert.StartsWith("The secret must be the private key of RS256 in PEM: ", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", publicKey: "not a pem"));
        Assert.Equal("publicKey", e.ParamName);
        Assert.Contains("No PEM block", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>("a passphrase that is long enough for HS256", 3600, algorithm: "ES256"));
        Assert.Equal("secret", e.ParamName);
    }

    [Fact]
    public void MismatchedKeyPair_IsRefused()
    {
        using RSA other = RSA.Create(2048);
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(
            StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", publicKey: other.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal("publicKey", e.ParamName);
        Assert.Contains("does not belong", e.Message, StringComparison.Ordinal);

        using ECDsa otherEc = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(
            StrategyTestKeys.Ec.Private, 3600, algorithm: "ES256", publicKey: otherEc.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal("publicKey", e.ParamName);
    }

    [Fact]
    public void KeyOfAnotherFamilyOrCurve_IsRefused()
    {
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, 3600, algorithm: "RS256")).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "ES256")).ParamName);
        Assert.Equal("secret", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, 3600, algorithm: "ES384")).ParamName);
        Assert.Equal("publicKey", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Private, 3600, algorithm: "RS256", publicKey: StrategyTestKeys.Ec.Public)).ParamName);
    }

    [Fact]
    public void PublicKeyAsSecret_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Public, 3600, algorithm: "RS256"));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("private key", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Rsa.Public, 3600, algorithm: "RS256", publicKey: StrategyTestKeys.Rsa.Private));
        Assert.Contains("swapped", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WeakRsaKey_IsRefusedUnlessOptedOut()
    {
        using RSA weak = RSA.Create(1024);
        string pem = weak.ExportRSAPrivateKeyPem();
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(pem, 3600, algorithm: "RS256"));
        Assert.Equal("secret", e.ParamName);
        Assert.Contains("2048", e.Message, StringComparison.Ordinal);

        var strategy = new JwtStrategy<TestUser, Guid>(pem, 3600, algorithm: "RS256", publicKey: weak.ExportSubjectPublicKeyInfoPem(), allowWeakKey: true);
        var manager = new TestUserManager();
        TestUser user = manager.Add("mordred@camelot.bt");
        Assert.Same(user, await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(user), manager));
    }

    [Fact]
    public void Audience_DefaultsAndIsCopied()
    {
        Assert.Equal(["fastapi-users:auth"], new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600).TokenAudience);

        var audiences = new List<string> { "a", "b" };
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: audiences);
        audiences[0] = "changed";
        audiences.Add("c");
        Assert.Equal(["a", "b"], strategy.TokenAudience);
        Assert.True(((ICollection<string>)strategy.TokenAudience).IsReadOnly);
    }

    [Fact]
    public void EmptyOrNullAudience_IsRefused()
    {
        Assert.Equal("tokenAudience", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: [])).ParamName);
        Assert.Equal("tokenAudience", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: ["a", null!])).ParamName);
        Assert.Equal("tokenAudience", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: ["\ud800"])).ParamName);
    }

    [Fact]
    public void Finding08_EmptyStringAudience_IsRefused()
    {
        // An audience of "" used to be written and accepted.
        Assert.Equal("tokenAudience", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: [""])).ParamName);
        Assert.Equal("tokenAudience", Assert.Throws<ArgumentException>(() => new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, tokenAudience: ["api", ""])).ParamName);
    }

    [Fact]
    public void UserWithoutIdAccessor_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<PlainUser, int>(StrategyTestKeys.HmacSecret, 3600));
        Assert.Equal("userId", e.ParamName);
        Assert.Contains("userId: user => user.Id", e.Message, StringComparison.Ordinal);
        _ = new JwtStrategy<PlainUser, int>(StrategyTestKeys.HmacSecret, 3600, userId: u => u.Number);
    }

    [Fact]
    public void Properties_ReflectTheConfiguration()
    {
        var clock = new TestClock(0);
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.Ec.Private, null, ["x"], "ES256", StrategyTestKeys.Ec.Public, leeway: TimeSpan.FromSeconds(5), timeProvider: clock);
        Assert.Equal(JwtAlgorithm.ES256, strategy.Algorithm);
        Assert.Null(strategy.LifetimeSeconds);
        Assert.Equal(["x"], strategy.TokenAudience);
        Assert.Equal(TimeSpan.FromSeconds(5), strategy.Leeway);
        Assert.Same(clock, strategy.TimeProvider);
        Assert.True(strategy.EncodeKey.CanSign);
        Assert.False(strategy.DecodeKey.CanSign);
        Assert.Same(TimeProvider.System, new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 60).TimeProvider);
    }

    private static string ExportEc(ECCurve curve)
    {
        using ECDsa ec = ECDsa.Create(curve);
        return ec.ExportECPrivateKeyPem();
    }

    public sealed record PlainUser(int Number);
}
