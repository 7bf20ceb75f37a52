using System;
using System.Collections.Concurrent;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

/// <summary>The written token, for identifier types other than UUID and for identifiers outside printable ASCII.</summary>
public class JwtStrategyWriteTests
{
    private static readonly TestClock s_clock = new(1764000000);

    [Fact]
    public async Task NonAsciiIdentifier_IsEscapedAsPythonDoes()
    {
        // Computed with Python's json.dumps(payload, separators=(",", ":")) and hmac/sha256, as PyJWT 2 writes it:
        // ensure_ascii escapes as lower-case \uXXXX (astral characters as surrogate pairs), "/" is not escaped.
        const string Expected =
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJqb3NcdTAwZTkgXHVkODNkXHVkZTAwIFwicVwiIFxcIFxuXHRcYlxmXHIgXHUwMDAxIFx1MDA3ZiAvIDw-JicrIiwiYXVkIjpbImZhc3RhcGktdXNlcnM6YXV0aCIsImNhZlx1MDBlOSJdLCJleHAiOjE3NjQwMDM2MDB9.ZrRaOCRL7saV94KcYljTnCwL9pNkWOxSpkFfobQn6gc";
        const string Id = "jos\u00e9 \U0001F600 \"q\" \\ \n\t\b\f\r \u0001 \u007f / <>&'+";
        var strategy = new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600, ["fastapi-users:auth", "caf\u00e9"], timeProvider: s_clock);

        string token = await strategy.WriteTokenAsync(new NamedUser(Id));

        Assert.Equal(Expected, token);
        Assert.Equal(
            """{"sub":"jos\u00e9 \ud83d\ude00 \"q\" \\ \n\t\b\f\r \u0001 \u007f / <>&'+","aud":["fastapi-users:auth","caf\u00e9"],"exp":1764003600}""",
            Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])));
        var users = new NamedUsers();
        users.Add(Id);
        Assert.Equal(Id, (await strategy.ReadTokenAsync(token, users))?.Id);
    }

    [Fact]
    public async Task EscapedNonAsciiAudience_MatchesOnReading()
    {
        var strategy = new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600, ["caf\u00e9"]);
        string token = await strategy.WriteTokenAsync(new NamedUser("u1"));
        Assert.Contains("""
            "aud":["caf\u00e9"]
            """, Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])), StringComparison.Ordinal);
        var users = new NamedUsers();
        users.Add("u1");
        Assert.Equal("u1", (await strategy.ReadTokenAsync(token, users))?.Id);
        Assert.Null(await new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600, ["cafe"]).ReadTokenAsync(token, users));
    }

    [Fact]
    public async Task UnpairedSurrogateInIdentifier_IsRefused()
    {
        var strategy = new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600);
        var e = await Assert.ThrowsAsync<ArgumentException>(() => strategy.WriteTokenAsync(new NamedUser("a\ud800b")));
        Assert.Equal("user", e.ParamName);
    }

    [Fact]
    public async Task NullOrEmptyIdentifier_IsRefused()
    {
        var strategy = new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600);
        await Assert.ThrowsAsync<ArgumentNullException>(() => strategy.WriteTokenAsync(new NamedUser(null!)));
        await Assert.ThrowsAsync<ArgumentException>(() => strategy.WriteTokenAsync(new NamedUser("")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => strategy.WriteTokenAsync(null!));
    }

    [Fact]
    public async Task IntegerIdentifiers_AreWrittenAsPythonStrOfInt()
    {
        var strategy = new JwtStrategy<NumberedUser, long>(StrategyTestKeys.HmacSecret, 3600, userId: u => u.Number, timeProvider: s_clock);
        string token = await strategy.WriteTokenAsync(new NumberedUser(-9007199254740993));
        Assert.StartsWith("""{"sub":"-9007199254740993","aud":""", Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])), StringComparison.Ordinal);

        var users = new NumberedUsers();
        Assert.Equal(-9007199254740993, (await strategy.ReadTokenAsync(token, users))?.Number);
    }

    [Fact]
    public async Task IdAccessor_TakesPrecedenceOverIUser()
    {
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, userId: _ => Guid.Empty, timeProvider: s_clock);
        string token = await strategy.WriteTokenAsync(new TestUser(Guid.NewGuid(), "a@b.c"));
        Assert.Contains("\"sub\":\"00000000-0000-0000-0000-000000000000\"", Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameUserAndSecond_GiveTheSameToken()
    {
        // No iat or jti, as in fastapi-users: the token is a function of user, key and clock second.
        var clock = new TestClock(1764000000);
        var strategy = new JwtStrategy<TestUser, Guid>(StrategyTestKeys.HmacSecret, 3600, timeProvider: clock);
        var user = new TestUser(Guid.NewGuid(), "a@b.c");
        string first = await strategy.WriteTokenAsync(user);
        clock.SetUtcNow(clock.GetUtcNow().AddMilliseconds(999));
        Assert.Equal(first, await strategy.WriteTokenAsync(user));
        clock.SetUtcNow(clock.GetUtcNow().AddMilliseconds(1));
        Assert.NotEqual(first, await strategy.WriteTokenAsync(user));
    }

    [Fact]
    public async Task LongIdentifier_IsWrittenAndRead()
    {
        string id = new('x', 3000);
        var strategy = new JwtStrategy<NamedUser, string>(StrategyTestKeys.HmacSecret, 3600);
        var users = new NamedUsers();
        users.Add(id);
        Assert.Equal(id, (await strategy.ReadTokenAsync(await strategy.WriteTokenAsync(new NamedUser(id)), users))?.Id);
    }

    public sealed record NamedUser(string Id) : IUser<string>;

    public sealed record NumberedUser(long Number);

    private sealed class NamedUsers : IUserManager<NamedUser, string>
    {
        private readonly ConcurrentDictionary<string, NamedUser> _users = new(StringComparer.Ordinal);

        public void Add(string id) => _users[id] = new NamedUser(id);

        public bool TryParseId(string value, out string id)
        {
            bool ok = UserIds.TryParseString(value, out string? parsed);
            id = parsed!;
            return ok;
        }

        public Task<NamedUser?> GetAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult(_users.TryGetValue(id, out NamedUser? user) ? user : null);
    }

    private sealed class NumberedUsers : IUserManager<NumberedUser, long>
    {
        public bool TryParseId(string value, out long id) => UserIds.TryParseInt64(value, out id);

        public Task<NumberedUser?> GetAsync(long id, CancellationToken cancellationToken = default) =>
            Task.FromResult<NumberedUser?>(new NumberedUser(id));
    }
}
