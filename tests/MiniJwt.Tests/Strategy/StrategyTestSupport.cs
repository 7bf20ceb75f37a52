using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

public sealed record TestUser(Guid Id, string Email) : IUser<Guid>;

/// <summary>An in-memory user store with UUID identifiers, like the user manager of fastapi-users' test suite.</summary>
public sealed class TestUserManager : IUserManager<TestUser, Guid>
{
    private readonly ConcurrentDictionary<Guid, TestUser> _users = new();

    public int Lookups;

    public TestUser Add(string email) => Add(new TestUser(Guid.NewGuid(), email));

    public TestUser Add(TestUser user)
    {
        _users[user.Id] = user;
        return user;
    }

    public bool TryParseId(string value, out Guid id) => UserIds.TryParseGuid(value, out id);

    public Task<TestUser?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Lookups);
        return Task.FromResult(_users.TryGetValue(id, out TestUser? user) ? user : null);
    }
}

/// <summary>A clock the test sets by hand.</summary>
public sealed class TestClock : TimeProvider
{
    private long _ticks;

    public TestClock(long unixSeconds) => UnixSeconds = unixSeconds;

    public long UnixSeconds
    {
        get => (Interlocked.Read(ref _ticks) - DateTimeOffset.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond;
        set => Interlocked.Exchange(ref _ticks, DateTimeOffset.UnixEpoch.Ticks + value * TimeSpan.TicksPerSecond);
    }

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}

/// <summary>Key material made once per test run: RSA-2048 (PKCS#1 private, SPKI public) and P-256 (PKCS#8 private, SPKI public).</summary>
public static class TestKeys
{
    public const string HmacSecret = "correct horse battery staple, 32+ bytes long, kept secret";

    private static readonly Lazy<(string Private, string Public)> s_rsa = new(() =>
    {
        using RSA rsa = RSA.Create(2048);
        return (rsa.ExportRSAPrivateKeyPem(), rsa.ExportSubjectPublicKeyInfoPem());
    });

    private static readonly Lazy<(string Private, string Public)> s_ec = new(() =>
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (ec.ExportPkcs8PrivateKeyPem(), ec.ExportSubjectPublicKeyInfoPem());
    });

    public static (string Private, string Public) Rsa => s_rsa.Value;

    public static (string Private, string Public) Ec => s_ec.Value;

    /// <summary>The <c>secret</c> and <c>public_key</c> fastapi-users' tests use for an algorithm.</summary>
    public static (string Secret, string? PublicKey) For(string algorithm) => algorithm switch
    {
        "HS256" => (HmacSecret, null),
        "RS256" => Rsa,
        "ES256" => Ec,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}

public static class Strategies
{
    public const string Audience = "fastapi-users:auth";

    public const long Now = 1764000000;

    /// <summary>A strategy as fastapi-users' fixture makes it, with the secret (and public key) as a string or as a <see cref="Secret"/>.</summary>
    public static JwtStrategy<TestUser, Guid> Create(string algorithm, bool wrapSecret, TimeProvider? clock = null, int? lifetimeSeconds = 3600, TimeSpan leeway = default)
    {
        (string secret, string? publicKey) = TestKeys.For(algorithm);
        return wrapSecret
            ? new JwtStrategy<TestUser, Guid>(secret: new Secret(secret), lifetimeSeconds, algorithm: algorithm,
                publicKey: publicKey is null ? null : new Secret(publicKey), leeway: leeway, timeProvider: clock)
            : new JwtStrategy<TestUser, Guid>(secret: secret, lifetimeSeconds, algorithm: algorithm,
                publicKey: publicKey, leeway: leeway, timeProvider: clock);
    }

    /// <summary>Signs any claims with the strategy's own key, as fastapi-users' <c>generate_jwt</c> fixture does.</summary>
    public static string Sign(JwtStrategy<TestUser, Guid> strategy, JwtClaims claims) => Jwt.Encode(claims, strategy.EncodeKey);

    /// <summary>Signs raw JSON with the strategy's own key.</summary>
    public static string Sign(JwtStrategy<TestUser, Guid> strategy, string json) =>
        Jws.Sign(System.Text.Encoding.UTF8.GetBytes(json), strategy.EncodeKey, "JWT");
}
