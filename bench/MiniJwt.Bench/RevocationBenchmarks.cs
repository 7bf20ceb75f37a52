using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using MiniJwt.AspNetCore;
using MiniJwt.Strategy;

namespace MiniJwt.Bench;

/// <summary>Where the strategy keeps revocations in <see cref="RevocationBenchmarks"/>.</summary>
public enum RevocationStoreKind
{
    /// <summary>No store: revocation off, fastapi-users' behaviour.</summary>
    None,

    /// <summary><see cref="MemoryTokenRevocationStore"/>.</summary>
    Memory,

    /// <summary><see cref="DistributedCacheTokenRevocationStore"/> over Redis (a local redis-server on 127.0.0.1).</summary>
    Redis,
}

/// <summary>
/// What revocation costs a read: <c>ReadTokenAsync</c> on HS256 without a store, with the in-memory store, and with the
/// distributed store over a real Redis on the loopback interface (the benchmark starts <c>redis-server</c> on a free
/// port and stops it after). Each read with a store asks it two questions at once (the jti, the user's cut-off).
/// </summary>
[MemoryDiagnoser]
public class RevocationBenchmarks
{
    private const string Secret = "correct horse battery staple, 32+ bytes long, kept secret";

    private JwtStrategy<BenchUser, Guid> _strategy = null!;
    private InMemoryUsers _users = null!;
    private BenchUser _user = null!;
    private string _token = null!;
    private string _revoked = null!;
    private Process? _redis;
    private RedisCache? _cache;

    /// <summary>The store.</summary>
    [ParamsAllValues]
    public RevocationStoreKind Store { get; set; }

    /// <summary>Builds the store and the strategy, a valid and a revoked token, and checks the verdicts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        ITokenRevocationStore? store = Store switch
        {
            RevocationStoreKind.Memory => new MemoryTokenRevocationStore(),
            RevocationStoreKind.Redis => new DistributedCacheTokenRevocationStore(StartRedis()),
            _ => null,
        };
        _strategy = new JwtStrategy<BenchUser, Guid>(Secret, lifetimeSeconds: 3600, revocationStore: store);
        _user = new BenchUser(Guid.Parse("00000000-0123-4567-890a-bcdef1234591"));
        _users = new InMemoryUsers(_user);
        _token = _strategy.WriteTokenAsync(_user).GetAwaiter().GetResult();
        _revoked = _strategy.WriteTokenAsync(_user).GetAwaiter().GetResult();
        if (store is not null)
        {
            _strategy.DestroyTokenAsync(_revoked, _user).GetAwaiter().GetResult();
        }

        Sanity.Check(ReferenceEquals(ReadToken(), _user), Store + ": the valid token did not read back to its user");
        Sanity.Check(ReadRevokedToken(), Store + ": the revoked token was not refused");
    }

    /// <summary>Stops the Redis server.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit(10_000);
        }

        _redis?.Dispose();
    }

    /// <summary>ReadTokenAsync of a valid token: verify, ask the store (when there is one), find the user.</summary>
    /// <returns>The user.</returns>
    [Benchmark]
    public BenchUser? ReadToken() => _strategy.ReadTokenAsync(_token, _users).GetAwaiter().GetResult();

    /// <summary>ReadTokenAsync of a revoked token (without a store, the token simply reads).</summary>
    /// <returns><see langword="true"/> when the verdict is the expected one.</returns>
    [Benchmark]
    public bool ReadRevokedToken() =>
        (_strategy.ReadTokenAsync(_revoked, _users).GetAwaiter().GetResult() is null) == (Store != RevocationStoreKind.None);

    private RedisCache StartRedis()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _redis = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("RevocationBenchmarks needs redis-server: apt-get install -y redis-server.", e);
        }

        _redis!.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (!Answers(port))
        {
            Sanity.Check(!_redis.HasExited && waited.Elapsed < TimeSpan.FromSeconds(15), "redis-server did not start on port " + port);
            Thread.Sleep(50);
        }

        _cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = "127.0.0.1:" + port + ",abortConnect=false", InstanceName = "bench:" }));
        return _cache;
    }

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

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
