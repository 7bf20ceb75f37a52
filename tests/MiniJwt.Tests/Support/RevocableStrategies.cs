using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using MiniJwt.Tests.Strategy;

namespace MiniJwt.Tests.Support;

/// <summary>Makes strategies that share one revocation store, as the instances of a service do.</summary>
public static class RevocableStrategies
{
    public static JwtStrategy<TestUser, Guid> Create(ITokenRevocationStore store, TimeProvider clock, int lifetimeSeconds = 3600, TimeSpan leeway = default) =>
        new(StrategyTestKeys.HmacSecret, lifetimeSeconds, leeway: leeway, timeProvider: clock, revocationStore: store);

    /// <summary>The claims of a token, read without verifying it.</summary>
    public static JsonElement Claims(string token) =>
        JsonDocument.Parse(JwtBase64Url.DecodeFromChars(token.Split('.')[1])).RootElement.Clone();

    /// <summary>The claims of a token as written, member order kept.</summary>
    public static string ClaimsJson(string token) => Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1]));
}
