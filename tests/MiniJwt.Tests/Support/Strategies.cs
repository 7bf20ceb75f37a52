using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Tests.Strategy;

public static class Strategies
{
    public const string Audience = "fastapi-users:auth";

    public const long Now = 1764000000;

    /// <summary>A strategy as fastapi-users' fixture makes it, with the secret (and public key) as a string or as a <see cref="Secret"/>.</summary>
    public static JwtStrategy<TestUser, Guid> Create(string algorithm, bool wrapSecret, TimeProvider? clock = null, int? lifetimeSeconds = 3600, TimeSpan leeway = default)
    {
        (string secret, string? publicKey) = StrategyTestKeys.For(algorithm);
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
