using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MiniJwt.Strategy;

namespace MiniJwt.Bench;

/// <summary>
/// The fastapi-users strategy end to end on HS256: write a token for a user, and read one back through an
/// in-memory user manager (signature, exp, aud, then the id parsed and the user looked up).
/// The baseline is the core verify of the same token, so the ratio shows what the strategy layer adds.
/// </summary>
[MemoryDiagnoser]
public class StrategyBenchmarks
{
    private const string Secret = "correct horse battery staple, 32+ bytes long, kept secret";
    private static readonly Guid UserId = Guid.Parse("00000000-0123-4567-890a-bcdef1234591");

    private JwtStrategy<BenchUser, Guid> _strategy = null!;
    private InMemoryUsers _users = null!;
    private BenchUser _user = null!;
    private string _token = null!;
    private JwtValidationOptions _options = null!;

    /// <summary>Builds the strategy, one user and its token, and checks that the token reads back.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _strategy = new JwtStrategy<BenchUser, Guid>(Secret, lifetimeSeconds: 3600);
        _user = new BenchUser(UserId);
        _users = new InMemoryUsers(_user);
        _token = _strategy.WriteTokenAsync(_user).GetAwaiter().GetResult();
        _options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["fastapi-users:auth"] };
        if (!ReferenceEquals(_strategy.ReadTokenAsync(_token, _users).GetAwaiter().GetResult(), _user))
        {
            throw new InvalidOperationException("The strategy's own token did not read back to its user.");
        }
    }

    /// <summary>The core verify of the same token (signature + exp + aud).</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark(Baseline = true)]
    public bool CoreVerify() => Jwt.TryDecode(_token, _strategy.DecodeKey, _options, out _, out _);

    /// <summary>WriteTokenAsync: the fastapi-users payload, signed.</summary>
    /// <returns>The token.</returns>
    [Benchmark]
    public string WriteToken() => _strategy.WriteTokenAsync(_user).GetAwaiter().GetResult();

    /// <summary>ReadTokenAsync: verify, read <c>sub</c>, parse the id, look the user up.</summary>
    /// <returns>The user.</returns>
    [Benchmark]
    public BenchUser? ReadToken() => _strategy.ReadTokenAsync(_token, _users).GetAwaiter().GetResult();

    /// <summary>A user of the benchmark.</summary>
    /// <param name="Id">Its identifier.</param>
    public sealed record BenchUser(Guid Id) : IUser<Guid>;

    private sealed class InMemoryUsers : IUserManager<BenchUser, Guid>
    {
        private readonly Dictionary<Guid, BenchUser> _byId = [];

        public InMemoryUsers(BenchUser user) => _byId[user.Id] = user;

        public bool TryParseId(string value, [MaybeNullWhen(false)] out Guid id) => UserIds.TryParseGuid(value, out id);

        public Task<BenchUser?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
            Task.FromResult(_byId.GetValueOrDefault(id));
    }
}
