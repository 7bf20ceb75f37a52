using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Strategy;

namespace MiniJwt.Sample;

/// <summary>
/// The fastapi-users JWT strategy end to end: register a user, log in (write a token), authenticate a request
/// (read it back), and see what reads as no user. Exits 0 when every step behaves as shown.
/// </summary>
internal static class Program
{
    // In a real application the secret comes from configuration or a vault, never from source code.
    private const string SecretKey = "a random secret of at least thirty-two bytes, kept in a vault";

    private static int s_failures;

    private static async Task<int> Main()
    {
        Console.WriteLine("MiniJwt sample: the fastapi-users JWT strategy");
        Console.WriteLine();

        // A clock the sample can move forward; an application leaves timeProvider out (the system clock).
        var clock = new ManualClock(DateTimeOffset.UtcNow);

        // fastapi-users' get_jwt_strategy(). Build it once: one instance is thread-safe and serves every request.
        var strategy = new JwtStrategy<User, Guid>(secret: SecretKey, lifetimeSeconds: 3600, timeProvider: clock);

        var users = new InMemoryUsers();
        User alice = users.Register("alice@example.com");
        Show("register", true, $"{alice.Email} has id {alice.Id}");

        // Login: the strategy writes a token for the authenticated user.
        string token = await strategy.WriteTokenAsync(alice);
        Show("login", token.Split('.').Length == 3, $"token {token[..24]}... ({strategy.Algorithm}, valid {strategy.LifetimeSeconds} s)");

        // Each request: the token from the Authorization header (or cookie) reads back as the user.
        User? read = await strategy.ReadTokenAsync(token, users);
        Show("read", read == alice, $"the token reads as {read?.Email ?? "no user"}");

        // One changed character in the signature: the token no longer verifies.
        string tampered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Show("tampered", await strategy.ReadTokenAsync(tampered, users) is null, "a token with one changed character reads as no user");

        // A token for another audience, signed with the same secret, is not for this application.
        var otherApp = new JwtStrategy<User, Guid>(secret: SecretKey, lifetimeSeconds: 3600, tokenAudience: ["other-app"], timeProvider: clock);
        string foreign = await otherApp.WriteTokenAsync(alice);
        Show("audience", await strategy.ReadTokenAsync(foreign, users) is null, "a token for audience \"other-app\" reads as no user");

        // A missing or empty token is simply no user.
        Show("no token", await strategy.ReadTokenAsync(null, users) is null && await strategy.ReadTokenAsync("", users) is null, "no token reads as no user");

        // Logout: a JWT cannot be invalidated on the server; the client drops it.
        try
        {
            await strategy.DestroyTokenAsync(token, alice);
            Show("logout", false, "logout unexpectedly succeeded");
        }
        catch (StrategyDestroyNotSupportedException e)
        {
            Show("logout", true, $"not supported: {e.Message}");
        }

        // The token stays valid until it expires: one hour later it reads as no user.
        clock.Advance(TimeSpan.FromSeconds(3599));
        Show("59:59 later", await strategy.ReadTokenAsync(token, users) == alice, "the token still reads as alice (logout did not revoke it)");
        clock.Advance(TimeSpan.FromSeconds(1));
        Show("1 h later", await strategy.ReadTokenAsync(token, users) is null, "the token has expired and reads as no user");

        // RS256: the private key signs, the public key verifies (a service holding only the public key can read).
        using (RSA rsa = RSA.Create(2048))
        {
            var rs256 = new JwtStrategy<User, Guid>(
                secret: rsa.ExportRSAPrivateKeyPem(),
                lifetimeSeconds: 3600,
                algorithm: "RS256",
                publicKey: rsa.ExportSubjectPublicKeyInfoPem());
            string rsToken = await rs256.WriteTokenAsync(alice);
            Show("RS256", await rs256.ReadTokenAsync(rsToken, users) == alice && await strategy.ReadTokenAsync(rsToken, users) is null,
                "signed with the private key, read with the public key; the HS256 strategy refuses it");
        }

        // The fastapi-users page's own example secret is too short for HS256 and is refused at construction.
        try
        {
            _ = new JwtStrategy<User, Guid>(secret: "SECRET", lifetimeSeconds: 3600);
            Show("weak secret", false, "\"SECRET\" was accepted");
        }
        catch (ArgumentException e)
        {
            Show("weak secret", e.ParamName == "secret", $"\"SECRET\" is refused: {e.Message}");
        }

        Console.WriteLine();
        Console.WriteLine(s_failures == 0 ? "All steps behaved as expected." : $"{s_failures} step(s) did not behave as expected.");
        return s_failures == 0 ? 0 : 1;
    }

    private static void Show(string step, bool ok, string text)
    {
        if (!ok)
        {
            s_failures++;
        }

        Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {step,-12} {text}");
    }
}

/// <summary>The application's user; implementing <see cref="IUser{TId}"/> tells the strategy where the id is.</summary>
internal sealed record User(Guid Id, string Email) : IUser<Guid>;

/// <summary>A user store in memory: fastapi-users' user manager reduced to parse_id and get.</summary>
internal sealed class InMemoryUsers : IUserManager<User, Guid>
{
    private readonly ConcurrentDictionary<Guid, User> _users = new();

    public User Register(string email)
    {
        var user = new User(Guid.NewGuid(), email);
        _users[user.Id] = user;
        return user;
    }

    public bool TryParseId(string value, out Guid id) => UserIds.TryParseGuid(value, out id);

    public Task<User?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_users.TryGetValue(id, out User? user) ? user : null);
}

/// <summary>A clock that moves only when told to.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;
}
