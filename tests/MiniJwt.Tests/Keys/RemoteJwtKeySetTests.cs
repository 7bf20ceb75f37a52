using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MiniJwt.Remote;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>
/// <see cref="RemoteJwtKeySet"/> against a real HTTP server on 127.0.0.1 (<see cref="JwksTestServer"/>): discovery, the
/// cache and refresh rules on a hand-moved clock, every failure mode, and the storm, rotation and outage runs.
/// </summary>
public sealed class RemoteJwtKeySetTests : IDisposable
{
    private static readonly JwtKey K1 = NewKey("k1");
    private static readonly JwtKey K2 = NewKey("k2");
    private static readonly JwtKey Forger = NewKey("k1");

    private static readonly JwtValidationOptions Options = new(JwtAlgorithm.ES256);

    private readonly JwksTestServer _server = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly List<RemoteJwtKeySet> _sets = [];

    public RemoteJwtKeySetTests() => _server.Publish(K1);

    public void Dispose()
    {
        foreach (RemoteJwtKeySet set in _sets)
        {
            set.Dispose();
        }

        _server.Dispose();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    internal static JwtKey NewKey(string keyId) =>
        JwtKey.FromECDsa(JwtAlgorithm.ES256, ECDsa.Create(ECCurve.NamedCurves.nistP256), keyId);

    internal static string TokenFor(JwtKey key, string subject = "user") =>
        Jwt.Encode(Encoding.UTF8.GetBytes("{\"sub\":\"" + subject + "\",\"exp\":4000000000}"), key);

    /// <summary>Verifies through the set with the synchronous decode (the cached snapshot only).</summary>
    internal static JwtErrorCode Verify(JwtKeySet set, string token) =>
        Jwt.TryDecode(token, set, Options, out _, out JwtError error) ? JwtErrorCode.None : error.Code;

    private RemoteJwtKeySet Remote(RemoteJwtKeySetOptions? options = null, bool discovery = false)
    {
        options ??= new RemoteJwtKeySetOptions();
        options = new RemoteJwtKeySetOptions
        {
            TimeProvider = options.TimeProvider ?? _clock,
            HttpClient = options.HttpClient,
            DefaultTimeToLive = options.DefaultTimeToLive,
            MinimumTimeToLive = options.MinimumTimeToLive,
            MaximumTimeToLive = options.MaximumTimeToLive,
            RefreshCooldown = options.RefreshCooldown,
            GracePeriod = options.GracePeriod,
            RequestTimeout = options.RequestTimeout,
            MaxResponseBytes = options.MaxResponseBytes,
            AllowRedirects = options.AllowRedirects,
            AllowInsecureHttp = options.AllowInsecureHttp,
            RefreshFailed = options.RefreshFailed,
        };
        RemoteJwtKeySet set = discovery ? RemoteJwtKeySet.FromIssuer(_server.Issuer, options) : RemoteJwtKeySet.FromJwksUri(_server.JwksUri, options);
        _sets.Add(set);
        return set;
    }

    /// <summary>Waits for the background fetch a lookup started, if one runs (starts none: the cooldown has just begun).</summary>
    private static Task SettleAsync(RemoteJwtKeySet remote) =>
        remote.PendingRefresh.WaitAsync(TimeSpan.FromSeconds(30), Cancel);

    [Fact]
    public async Task A_set_fetched_once_verifies_without_more_requests()
    {
        RemoteJwtKeySet remote = Remote();
        Assert.Null(remote.LastRefreshed);
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Equal(_clock.GetUtcNow(), remote.LastRefreshed);
        Assert.Equal(_server.JwksUri, remote.JwksUri);

        string token = TokenFor(K1);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, token));
        }

        Assert.Equal(JwtErrorCode.InvalidSignature, Verify(remote.KeySet, TokenFor(Forger)));
        Assert.Equal(1, _server.JwksRequests);
        Assert.Null(remote.LastError);
        Assert.Equal("k1", Assert.Single(remote.KeySet.Keys).KeyId);
    }

    [Fact]
    public async Task The_first_lookup_fetches_in_the_background_and_the_set_is_unavailable_until_then()
    {
        RemoteJwtKeySet remote = Remote();
        string token = TokenFor(K1);
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, token));
        await SettleAsync(remote);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, token));
        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task Discovery_reads_the_issuer_document_and_takes_its_jwks_uri()
    {
        RemoteJwtKeySet remote = Remote(discovery: true);
        Assert.Equal(_server.Issuer, remote.Issuer);
        Assert.Null(remote.JwksUri);
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Equal(_server.JwksUri, remote.JwksUri);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, TokenFor(K1)));
        Assert.Equal(1, _server.DiscoveryRequests);
        Assert.Equal(1, _server.JwksRequests);

        // The jwks_uri is kept: the next refresh reads only the set.
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Equal(1, _server.DiscoveryRequests);
        Assert.Equal(2, _server.JwksRequests);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/other")]
    [InlineData("X")]
    public async Task Discovery_refuses_a_document_whose_issuer_is_not_exactly_the_configured_one(string suffix)
    {
        _server.DiscoveryIssuer = _server.Issuer + suffix;
        RemoteJwtKeySet remote = Remote(discovery: true);
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.Contains("issuer", remote.LastError!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.JwksRequests);
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, TokenFor(K1)));
    }

    [Fact]
    public async Task Discovery_failures_are_reported_and_retried_by_a_new_discovery()
    {
        _server.DiscoveryMode = JwksServerMode.Malformed;
        RemoteJwtKeySet remote = Remote(discovery: true);
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.Contains("discovery document", remote.LastError!.Message, StringComparison.Ordinal);

        _server.DiscoveryMode = JwksServerMode.Normal;
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Equal(2, _server.DiscoveryRequests);
    }

    [Theory]
    [InlineData(null, 600)] // no Cache-Control: the default time to live
    [InlineData(120, 120)] // max-age honoured
    [InlineData(1, 60)] // raised to the floor
    [InlineData(0, 60)]
    [InlineData(10_000_000, 86_400)] // lowered to the ceiling
    public async Task The_time_to_live_is_max_age_within_the_floor_and_the_ceiling(int? maxAge, int expectedSeconds)
    {
        _server.MaxAge = maxAge;
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));
        string token = TokenFor(K1);

        _clock.Advance(TimeSpan.FromSeconds(expectedSeconds - 1));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, token));
        await SettleAsync(remote);
        Assert.Equal(1, _server.JwksRequests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, token)); // served while the refresh runs
        await SettleAsync(remote);
        Assert.Equal(2, _server.JwksRequests);
        Assert.Equal(_clock.GetUtcNow(), remote.LastRefreshed);
    }

    [Fact]
    public async Task An_unknown_kid_triggers_one_refresh_no_more_often_than_the_cooldown()
    {
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));

        // The fetch at start-up began a cooldown too.
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, TokenFor(NewKey("unknown-0"))));
        await SettleAsync(remote);
        Assert.Equal(1, _server.JwksRequests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, TokenFor(NewKey("unknown-1"))));
        await SettleAsync(remote);
        Assert.Equal(2, _server.JwksRequests);

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, TokenFor(NewKey("unknown-2"))));
        await SettleAsync(remote);
        Assert.Equal(2, _server.JwksRequests);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, TokenFor(NewKey("unknown-3"))));
        await SettleAsync(remote);
        Assert.Equal(3, _server.JwksRequests);
    }

    [Fact]
    public async Task A_new_kid_is_picked_up_after_one_refresh_and_a_removed_key_stops_verifying_after_the_next()
    {
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));
        string old = TokenFor(K1), fresh = TokenFor(K2);
        _clock.Advance(TimeSpan.FromSeconds(31));

        _server.Publish(K1, K2);
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, fresh));
        await SettleAsync(remote);
        Assert.Equal(2, _server.JwksRequests);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, fresh));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, old));

        _server.Publish(K2);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, old)); // until the next refresh
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, old)); // this lookup starts it
        await SettleAsync(remote);
        Assert.Equal(3, _server.JwksRequests);
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, old));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, fresh));
    }

    [Fact]
    public async Task The_asynchronous_wait_fetches_a_new_kid_before_the_decode()
    {
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));
        _clock.Advance(TimeSpan.FromSeconds(31));
        _server.Publish(K1, K2);
        await remote.KeySet.WaitForKeyAsync("k2", JwtAlgorithm.ES256, Cancel);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, TokenFor(K2)));
        Assert.Equal(2, _server.JwksRequests);

        // A known kid waits for nothing and fetches nothing.
        Task known = remote.KeySet.WaitForKeyAsync("k1", JwtAlgorithm.ES256, Cancel);
        Assert.True(known.IsCompletedSuccessfully);
        Assert.Equal(2, _server.JwksRequests);
    }

    public static TheoryData<JwksServerMode> FailureModes =>
    [
        JwksServerMode.Error500, JwksServerMode.Hang, JwksServerMode.Malformed, JwksServerMode.Huge,
        JwksServerMode.HugeChunked, JwksServerMode.Redirect, JwksServerMode.Drop,
    ];

    [Theory]
    [MemberData(nameof(FailureModes))]
    public async Task A_failed_refresh_keeps_the_last_good_set_and_is_reported(JwksServerMode mode)
    {
        var reported = new ConcurrentQueue<RemoteJwtKeySetException>();
        RemoteJwtKeySet remote = Remote(new RemoteJwtKeySetOptions
        {
            RequestTimeout = TimeSpan.FromMilliseconds(500),
            RefreshFailed = reported.Enqueue,
        });
        Assert.True(await remote.RefreshAsync(Cancel));
        _server.Mode = mode;
        var watch = Stopwatch.StartNew();
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"the refresh took {watch.Elapsed}");

        RemoteJwtKeySetException error = Assert.Single(reported);
        Assert.Same(error, remote.LastError);
        Assert.Contains(mode switch
        {
            JwksServerMode.Error500 => "HTTP 500",
            JwksServerMode.Hang => "did not answer within 0.5 s",
            JwksServerMode.Malformed => "malformed",
            JwksServerMode.Huge or JwksServerMode.HugeChunked => "larger than 1048576 bytes",
            JwksServerMode.Redirect => "redirect",
            _ => "failed",
        }, error.Message, StringComparison.Ordinal);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, TokenFor(K1)));
        Assert.Equal(0, _server.RedirectedRequests);

        _server.Mode = JwksServerMode.Normal;
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Null(remote.LastError);
    }

    [Fact]
    public async Task Redirects_are_followed_only_when_allowed()
    {
        _server.Mode = JwksServerMode.Redirect;
        RemoteJwtKeySet remote = Remote(new RemoteJwtKeySetOptions { AllowRedirects = true });
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.Equal(1, _server.RedirectedRequests);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, TokenFor(K1)));
    }

    [Fact]
    public async Task A_client_that_follows_redirects_itself_is_caught_at_the_final_address()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = true });
        _server.Mode = JwksServerMode.Redirect;
        RemoteJwtKeySet remote = Remote(new RemoteJwtKeySetOptions { HttpClient = client });
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.Contains("redirected", remote.LastError!.Message, StringComparison.Ordinal);
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, TokenFor(K1)));
    }

    [Fact]
    public async Task With_no_good_set_verification_fails_with_KeySetUnavailable_and_never_throws()
    {
        _server.Mode = JwksServerMode.Error500;
        RemoteJwtKeySet remote = Remote();
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, TokenFor(K1)));
        Assert.Empty(remote.KeySet.Keys);
        await remote.KeySet.WaitForKeyAsync("k1", JwtAlgorithm.ES256, Cancel); // within the cooldown: no fetch, no exception
        Assert.Equal(1, _server.JwksRequests);
        Assert.Equal("the remote key set is not available (no good copy fetched, or the last one is too old)", new JwtError(JwtErrorCode.KeySetUnavailable).Message);
    }

    [Fact]
    public async Task An_outage_within_the_grace_period_loses_no_valid_verification()
    {
        RemoteJwtKeySet remote = Remote(new RemoteJwtKeySetOptions { GracePeriod = TimeSpan.FromMinutes(30) });
        Assert.True(await remote.RefreshAsync(Cancel));
        string token = TokenFor(K1);
        _server.Mode = JwksServerMode.Error500;

        // 40 minutes of traffic, 10 s a step, from the middle of the time to live to past its end plus the grace period.
        int valid = 0, refused = 0, step = 0;
        for (; step < 240; step++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            TimeSpan age = TimeSpan.FromSeconds(10 * (step + 1));
            for (int i = 0; i < 20; i++)
            {
                JwtErrorCode code = Verify(remote.KeySet, token);
                if (age < TimeSpan.FromMinutes(40))
                {
                    Assert.Equal(JwtErrorCode.None, code);
                    valid++;
                }
                else
                {
                    Assert.Equal(JwtErrorCode.KeySetUnavailable, code);
                    refused++;
                }
            }

            await SettleAsync(remote);
        }

        // Refreshes started at the end of the time to live (10 min), then one per 30 s cooldown until 40 min.
        int outageRequests = _server.JwksRequests - 1;
        TestContext.Current.SendDiagnosticMessage($"outage: {valid} valid verifications kept, {refused} refused after the grace period, {outageRequests} requests in 30 min of failures");
        Assert.Equal(0, refused % 20);
        Assert.Equal(1, refused / 20); // only the last step is past TTL + grace
        Assert.InRange(outageRequests, 55, 61);
        Assert.NotNull(remote.LastError);

        _server.Mode = JwksServerMode.Normal;
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, token));
        await SettleAsync(remote);
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, token));
    }

    [Fact]
    public async Task A_storm_of_unknown_kids_from_8_threads_causes_at_most_one_fetch_per_cooldown()
    {
        _server.Delay = TimeSpan.FromMilliseconds(20);
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));
        string[] tokens = Enumerable.Range(0, 64).Select(i => TokenFor(NewKey("random-" + i))).ToArray();

        // 10,000 tokens; the clock moves 1 s every 100 tokens: 100 s, so at most 4 cooldowns of 30 s start.
        int issued = 0, wrong = 0;
        Task[] threads = Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref issued)) <= 10_000)
            {
                if (n % 100 == 0)
                {
                    _clock.Advance(TimeSpan.FromSeconds(1));
                }

                string token = tokens[n % tokens.Length];
                if (n % 2 == 0)
                {
                    await Jwt.WaitForKeyAsync(token, remote.KeySet, Options, Cancel); // the asynchronous entry point's wait
                }

                if (Verify(remote.KeySet, token) != JwtErrorCode.KeyNotFound)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        }, Cancel)).ToArray();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(120), Cancel);

        int stormRequests = _server.JwksRequests - 1;
        TestContext.Current.SendDiagnosticMessage($"storm: 10,000 unknown kids from 8 threads over 100 s (cooldown 30 s): {stormRequests} fetches");
        Assert.Equal(0, wrong);
        Assert.InRange(stormRequests, 1, 4);
    }

    [Fact]
    public async Task Eight_threads_verifying_during_a_rotation_give_no_wrong_verdict()
    {
        RemoteJwtKeySet remote = Remote();
        Assert.True(await remote.RefreshAsync(Cancel));
        string old = TokenFor(K1), fresh = TokenFor(K2), forged = TokenFor(Forger);
        var wrong = new ConcurrentQueue<string>();
        int verifications = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int published = 0, installed = 0; // 0: {k1}; 1: {k1, k2}; 2: {k2}; 3: stop

        // Dedicated threads, not pool threads: eight loops that never yield would hold the pool's threads on two cores,
        // and the refresh and the server's answers, which need the pool, would wait for it to grow.
        Task[] threads = Enumerable.Range(0, 8).Select(t => Task.Factory.StartNew(() =>
        {
            while (Volatile.Read(ref installed) < 3 && !stop.IsCancellationRequested)
            {
                int installedBefore = Volatile.Read(ref installed);
                JwtErrorCode o = Verify(remote.KeySet, old), f = Verify(remote.KeySet, fresh), x = Verify(remote.KeySet, forged);
                int publishedAfter = Volatile.Read(ref published);
                Interlocked.Add(ref verifications, 3);

                // The forged token never verifies. A genuine one fails only as KeyNotFound, and only while its key may be
                // absent from the set in service: k1 until {k2} is published, k2 until {k1, k2} is installed.
                if (x is not (JwtErrorCode.InvalidSignature or JwtErrorCode.KeyNotFound))
                {
                    wrong.Enqueue("forged " + x);
                }

                if (o is not (JwtErrorCode.None or JwtErrorCode.KeyNotFound) || (o == JwtErrorCode.KeyNotFound && publishedAfter < 2))
                {
                    wrong.Enqueue($"old {o}, published {publishedAfter}");
                }

                if (f is not (JwtErrorCode.None or JwtErrorCode.KeyNotFound) || (f == JwtErrorCode.KeyNotFound && installedBefore >= 1))
                {
                    wrong.Enqueue($"fresh {f}, installed {installedBefore}");
                }
            }
        }, Cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        for (int p = 1; p <= 2; p++)
        {
            await Task.Delay(200, Cancel);
            Volatile.Write(ref published, p);
            _server.Publish(p == 1 ? [K1, K2] : [K2]);
            _clock.Advance(TimeSpan.FromMinutes(11));
            Assert.True(await remote.RefreshAsync(Cancel));
            Volatile.Write(ref installed, p);
        }

        await Task.Delay(200, Cancel);
        Volatile.Write(ref installed, 3);
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        TestContext.Current.SendDiagnosticMessage($"rotation: {verifications} verifications on 8 threads, {wrong.Count} wrong");
        Assert.Empty(wrong);
        Assert.True(verifications > 8 * 3);
        Assert.Equal(JwtErrorCode.KeyNotFound, Verify(remote.KeySet, old));
        Assert.Equal(JwtErrorCode.None, Verify(remote.KeySet, fresh));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        _server.Delay = TimeSpan.FromMilliseconds(300);
        RemoteJwtKeySet remote = Remote();
        Task<bool>[] callers = Enumerable.Range(0, 16).Select(_ => remote.RefreshAsync(Cancel)).ToArray();
        bool[] results = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        Assert.All(results, Assert.True);
        Assert.Equal(1, _server.JwksRequests);
    }

    [Theory]
    [InlineData("https://idp.example.com/jwks", false, true)]
    [InlineData("http://127.0.0.1:8080/jwks", false, true)]
    [InlineData("http://[::1]/jwks", false, true)]
    [InlineData("http://localhost/jwks", false, true)]
    [InlineData("http://idp.example.com/jwks", false, false)]
    [InlineData("http://idp.example.com/jwks", true, true)]
    [InlineData("ftp://idp.example.com/jwks", true, false)]
    [InlineData("file:///etc/jwks.json", true, false)]
    public void Https_is_required_except_for_loopback_or_with_the_opt_in(string address, bool allowHttp, bool accepted)
    {
        var options = new RemoteJwtKeySetOptions { AllowInsecureHttp = allowHttp };
        if (accepted)
        {
            RemoteJwtKeySet.FromJwksUri(new Uri(address), options).Dispose();
            RemoteJwtKeySet.FromIssuer(address.Replace("/jwks", string.Empty, StringComparison.Ordinal), options).Dispose();
        }
        else
        {
            Assert.Throws<ArgumentException>("jwksUri", () => RemoteJwtKeySet.FromJwksUri(new Uri(address), options));
        }
    }

    [Fact]
    public async Task A_discovered_jwks_uri_must_follow_the_https_rule_too()
    {
        _server.DiscoveryJwksUri = "http://idp.example.com/jwks";
        RemoteJwtKeySet remote = Remote(discovery: true);
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.Contains("not https", remote.LastError!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.JwksRequests);

        _server.DiscoveryJwksUri = null;
        Assert.True(await remote.RefreshAsync(Cancel));
        Assert.True(remote.JwksUri!.IsLoopback);
    }

    [Theory]
    [InlineData("idp.example.com")]
    [InlineData("https://idp.example.com/?tenant=1")]
    [InlineData("https://idp.example.com/#x")]
    public void An_issuer_must_be_an_absolute_url_without_query_or_fragment(string issuer) =>
        Assert.Throws<ArgumentException>("issuer", () => RemoteJwtKeySet.FromIssuer(issuer));

    [Fact]
    public async Task Dispose_stops_a_fetch_and_later_lookups_fetch_nothing()
    {
        _server.Mode = JwksServerMode.Hang;
        RemoteJwtKeySet remote = Remote();
        Task<bool> refresh = remote.RefreshAsync(Cancel);
        await Task.Delay(100, Cancel);
        remote.Dispose();
        Assert.False(await refresh.WaitAsync(TimeSpan.FromSeconds(10), Cancel));
        Assert.Equal(JwtErrorCode.KeySetUnavailable, Verify(remote.KeySet, TokenFor(K1)));
        Assert.Throws<ObjectDisposedException>(() => { _ = remote.RefreshAsync(Cancel); }); // thrown at the call, not in the task
        Assert.Equal(1, _server.JwksRequests);
    }

    [Fact]
    public async Task A_callback_that_throws_does_not_fault_the_refresh()
    {
        _server.Mode = JwksServerMode.Error500;
        RemoteJwtKeySet remote = Remote(new RemoteJwtKeySetOptions { RefreshFailed = _ => throw new InvalidOperationException("handler") });
        Assert.False(await remote.RefreshAsync(Cancel));
        Assert.NotNull(remote.LastError);
    }
}
