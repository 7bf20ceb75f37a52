using System;
using System.Collections.Generic;
using System.Net.Http;

namespace MiniJwt.Remote;

/// <summary>
/// How a <see cref="RemoteJwtKeySet"/> fetches, caches and refreshes a remote JWK Set. Every limit has a safe default;
/// the instance is immutable once made.
/// </summary>
public sealed class RemoteJwtKeySetOptions
{
    private readonly IReadOnlyList<JwtAlgorithm> _algorithms = Array.Empty<JwtAlgorithm>();

    /// <summary>
    /// The client that sends the requests (for a proxy, <c>IHttpClientFactory</c> or a test handler); it is not disposed.
    /// <see langword="null"/> (the default): the set makes its own, which follows no redirect, and disposes it.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>The clock for the time to live, the cooldown, the grace period and the request timeout; default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>How long a fetched set is fresh when the response carries no <c>Cache-Control: max-age</c>; default 10 minutes.</summary>
    public TimeSpan DefaultTimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The floor of the time to live: a smaller <c>max-age</c> (0, <c>no-cache</c>) is raised to it; default 1 minute.</summary>
    public TimeSpan MinimumTimeToLive { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The ceiling of the time to live: a larger <c>max-age</c> is lowered to it; default 24 hours.</summary>
    public TimeSpan MaximumTimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The least time between two automatic fetches (a token with an unknown <c>kid</c>, an expired set, a retry after a
    /// failure); default 30 seconds. A stream of tokens with random <c>kid</c>s causes at most one fetch per cooldown.
    /// </summary>
    public TimeSpan RefreshCooldown { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after its time to live the last good set is still served while refreshes fail; default 1 hour. After it,
    /// verification fails with <see cref="JwtErrorCode.KeySetUnavailable"/> until a refresh succeeds.
    /// </summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The time one request may take, headers and body; default 10 seconds.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest response body read (the discovery document and the JWK Set); default 1 MiB. A larger one is a failed refresh.</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// <see langword="true"/> to follow up to 5 redirects (each target under the same <c>https</c> rule); default
    /// <see langword="false"/>: a redirect is a failed refresh.
    /// </summary>
    public bool AllowRedirects { get; init; }

    /// <summary>
    /// <see langword="true"/> to allow plain <c>http</c> to a host that is not a loopback address. Default
    /// <see langword="false"/>: only <c>https</c>, or <c>http</c> to <c>127.0.0.1</c>, <c>[::1]</c> or <c>localhost</c>.
    /// Keys fetched over plain <c>http</c> can be replaced by anyone on the path.
    /// </summary>
    public bool AllowInsecureHttp { get; init; }

    /// <summary>The algorithms a published key without <c>alg</c> is bound to (each that fits it); default none (such keys are skipped). Copied.</summary>
    public IReadOnlyList<JwtAlgorithm> Algorithms
    {
        get => _algorithms;
        init => _algorithms = [.. value ?? throw new ArgumentNullException(nameof(value))];
    }

    /// <summary>
    /// Called, on the thread that ran the refresh, each time a refresh fails (the same exception is then in
    /// <see cref="RemoteJwtKeySet.LastError"/>). It should only record the failure (log it, count it): it runs before the
    /// callers waiting for the refresh resume, and an exception it throws is lost.
    /// </summary>
    public Action<RemoteJwtKeySetException>? RefreshFailed { get; init; }

    /// <summary><see langword="true"/> to accept RSA keys under 2048 bits; only to interoperate with a provider that cannot change.</summary>
    public bool AllowWeakKeys { get; init; }
}
