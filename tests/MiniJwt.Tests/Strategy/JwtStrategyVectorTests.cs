using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>
/// Tokens fastapi-users' <c>generate_jwt</c> wrote at a fixed clock (Vectors/write_token.json, embedded). The
/// deterministic ones must be written byte for byte; every one must read back to its user at <c>now</c> and read
/// as no user once the clock reaches <c>exp</c>.
/// </summary>
public class JwtStrategyVectorTests
{
    public sealed record Vector(
        int Index, string Algorithm, string Secret, string? PublicKey, int? LifetimeSeconds,
        string[] TokenAudience, string UserId, long Now, string Token, bool Deterministic);

    private static readonly Lazy<Vector[]> s_vectors = new(Load);

    public static IEnumerable<TheoryDataRow<int>> Cases =>
        s_vectors.Value.Select(v => new TheoryDataRow<int>(v.Index)
        {
            TestDisplayName = $"{v.Index}: {v.Algorithm}, lifetime {v.LifetimeSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, secret {Encoding.UTF8.GetByteCount(v.Secret)} bytes",
        });

    [Fact]
    public void TheVectorsAreAllThere()
    {
        Vector[] vectors = s_vectors.Value;
        Assert.Equal(28, vectors.Length);
        Assert.Equal(25, vectors.Count(v => v.Deterministic));
        Assert.Contains(vectors, v => v.Secret == "SECRET");
        Assert.Contains(vectors, v => v.TokenAudience.Length == 2);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task WritesTheSameToken(int index)
    {
        Vector v = s_vectors.Value[index];
        var clock = new TestClock(v.Now);
        var strategy = Create(v, clock);

        string token = await strategy.WriteTokenAsync(new VectorUser(v.UserId));

        if (v.Deterministic)
        {
            Assert.Equal(v.Token, token);
        }
        else
        {
            // ECDSA signatures are randomised: header and payload must still match, and the token must read.
            Assert.Equal(v.Token[..v.Token.LastIndexOf('.')], token[..token.LastIndexOf('.')]);
            Assert.NotNull(await strategy.ReadTokenAsync(token, new VectorUsers(v.UserId)));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ReadsTheTokenUntilItExpires(int index)
    {
        Vector v = s_vectors.Value[index];
        var clock = new TestClock(v.Now);
        var strategy = Create(v, clock);
        var users = new VectorUsers(v.UserId);

        Assert.Equal(Guid.Parse(v.UserId), (await strategy.ReadTokenAsync(v.Token, users))?.Id);

        if (v.LifetimeSeconds is int lifetime)
        {
            clock.UnixSeconds = v.Now + lifetime - 1;
            Assert.NotNull(await strategy.ReadTokenAsync(v.Token, users));
            clock.UnixSeconds = v.Now + lifetime;
            Assert.Null(await strategy.ReadTokenAsync(v.Token, users));
            clock.UnixSeconds = v.Now + lifetime + 86400;
            Assert.Null(await strategy.ReadTokenAsync(v.Token, users));
        }
        else
        {
            clock.UnixSeconds = v.Now + 100L * 365 * 86400;
            Assert.NotNull(await strategy.ReadTokenAsync(v.Token, users));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OtherUserOrAudience_ReadsAsNull(int index)
    {
        Vector v = s_vectors.Value[index];
        var strategy = Create(v, new TestClock(v.Now));
        Assert.Null(await strategy.ReadTokenAsync(v.Token, new VectorUsers("00000000-0000-0000-0000-000000000000")));

        var otherAudience = new JwtStrategy<VectorUser, Guid>(
            v.Secret, v.LifetimeSeconds, ["not-" + v.TokenAudience[0]], v.Algorithm, v.PublicKey,
            timeProvider: new TestClock(v.Now), allowWeakKey: true);
        Assert.Null(await otherAudience.ReadTokenAsync(v.Token, new VectorUsers(v.UserId)));
    }

    [Fact]
    public void TheSeedSecret_NeedsTheOptOut()
    {
        Vector v = s_vectors.Value.First(v => v.Secret == "SECRET");
        var e = Assert.Throws<ArgumentException>(() => new JwtStrategy<VectorUser, Guid>(v.Secret, v.LifetimeSeconds));
        Assert.Equal("secret", e.ParamName);
    }

    private static JwtStrategy<VectorUser, Guid> Create(Vector v, TimeProvider clock)
    {
        // The opt-out only for the vectors written with the seed's own "SECRET", shorter than the hash.
        bool weak = v.Algorithm.StartsWith("HS", StringComparison.Ordinal)
            && Encoding.UTF8.GetByteCount(v.Secret) < JwtAlgorithms.GetHashSize(Enum.Parse<JwtAlgorithm>(v.Algorithm));
        return new JwtStrategy<VectorUser, Guid>(
            v.Secret, v.LifetimeSeconds, v.TokenAudience, v.Algorithm, v.PublicKey, timeProvider: clock, allowWeakKey: weak);
    }

    private static Vector[] Load()
    {
        using Stream stream = typeof(JwtStrategyVectorTests).Assembly.GetManifestResourceStream("MiniJwt.Tests.Strategy.write_token.json")
            ?? throw new InvalidOperationException("The embedded vectors are missing.");
        using JsonDocument document = JsonDocument.Parse(stream);
        var vectors = new List<Vector>();
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            vectors.Add(new Vector(
                vectors.Count,
                c.GetProperty("algorithm").GetString()!,
                c.GetProperty("secret").GetString()!,
                c.GetProperty("public_key").GetString(),
                c.GetProperty("lifetime_seconds").ValueKind == JsonValueKind.Null ? null : c.GetProperty("lifetime_seconds").GetInt32(),
                c.GetProperty("token_audience").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                c.GetProperty("user_id").GetString()!,
                c.GetProperty("now").GetInt64(),
                c.GetProperty("token").GetString()!,
                c.GetProperty("deterministic").GetBoolean()));
        }

        return [.. vectors];
    }

    public sealed record VectorUser(Guid Id) : IUser<Guid>
    {
        public VectorUser(string id)
            : this(Guid.Parse(id))
        {
        }
    }

    private sealed class VectorUsers(string id) : IUserManager<VectorUser, Guid>
    {
        public bool TryParseId(string value, out Guid parsed) => UserIds.TryParseGuid(value, out parsed);

        public Task<VectorUser?> GetAsync(Guid parsed, System.Threading.CancellationToken cancellationToken = default) =>
            Task.FromResult(parsed == Guid.Parse(id) ? new VectorUser(parsed) : null);
    }
}
