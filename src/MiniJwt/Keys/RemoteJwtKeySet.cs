using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Remote;

/// <summary>
/// A JWK Set published by an identity provider at a <c>jwks_uri</c>, found directly or through OpenID Connect discovery,
/// kept in memory and refreshed by safe rules; <see cref="KeySet"/> verifies tokens against the last good copy.
/// </summary>
/// <remarks>
/// <para><b>Verification never waits and never throws.</b> A lookup reads the cached snapshot (no I/O, no lock). A token
/// whose <c>kid</c> is unknown starts a refresh in the background (at most one per
/// <see cref="RemoteJwtKeySetOptions.RefreshCooldown"/>); <c>Jwt.DecodeAsync</c> awaits that refresh before it decodes.
/// With no good copy, verification fails with <see cref="JwtErrorCode.KeySetUnavailable"/>.</para>
/// <para><b>Refresh rules.</b> A fetched set is fresh for its time to live (<c>Cache-Control: max-age</c> within
/// <see cref="RemoteJwtKeySetOptions.MinimumTimeToLive"/> and <see cref="RemoteJwtKeySetOptions.MaximumTimeToLive"/>, else
/// <see cref="RemoteJwtKeySetOptions.DefaultTimeToLive"/>); after it the next lookup starts a refresh. One fetch runs at a
/// time and every caller that waits shares it. A failed refresh (timeout, an HTTP status other than 200, a redirect, a
/// body over <see cref="RemoteJwtKeySetOptions.MaxResponseBytes"/>, a malformed document, an issuer mismatch, a dropped
/// connection) keeps the last good set in service until its time to live plus
/// <see cref="RemoteJwtKeySetOptions.GracePeriod"/>, and is reported in <see cref="LastError"/> and <see cref="RemoteJwtKeySetOptions.RefreshFailed"/>.</para>
/// <para>The instance is thread-safe; make one per provider and keep it for the life of the application.</para>
/// </remarks>
public sealed class RemoteJwtKeySet : IJwtKeySetSource, IDisposable
{
    private const int MaxRedirects = 5;

    private readonly RemoteJwtKeySetOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri? _configuredJwksUri;
    private readonly Uri? _discoveryUri;
    private readonly JwtAlgorithm[] _algorithms;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _disposed = new();

    private Snapshot? _state;
    private Uri? _discoveredJwksUri;
    private Task<bool>? _inflight;
    private long _lastAttemptTicks = long.MinValue;
    private RemoteJwtKeySetException? _lastError;
    private bool _isDisposed;

    private RemoteJwtKeySet(Uri? jwksUri, string? issuer, Uri? discoveryUri, RemoteJwtKeySetOptions? options)
    {
        options ??= new RemoteJwtKeySetOptions();
        Validate(options);
        _options = options;
        _time = options.TimeProvider ?? TimeProvider.System;
        _algorithms = [.. options.Algorithms];
        _configuredJwksUri = jwksUri;
        _discoveryUri = discoveryUri;
        Issuer = issuer;
        if (options.HttpClient is { } client)
        {
            _client = client;
        }
        else
        {
            _client = CreateDefaultClient();
            _ownsClient = true;
        }

        KeySet = new JwtKeySet(this);
    }

    /// <summary>
    /// Reads the JWK Set at <paramref name="jwksUri"/>. Nothing is fetched yet: the first lookup (or
    /// <see cref="RefreshAsync(CancellationToken)"/>, best awaited at start-up) fetches it.
    /// </summary>
    /// <param name="jwksUri">The JWK Set's address: <c>https</c>, or <c>http</c> to a loopback address (see <see cref="RemoteJwtKeySetOptions.AllowInsecureHttp"/>).</param>
    /// <param name="options">The cache, refresh and request limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The remote set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jwksUri"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="jwksUri"/> is relative, or plain <c>http</c> to a host that is not a loopback address without the opt-in.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    public static RemoteJwtKeySet FromJwksUri(Uri jwksUri, RemoteJwtKeySetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(jwksUri);
        CheckAddress(jwksUri, options?.AllowInsecureHttp ?? false, nameof(jwksUri));
        return new RemoteJwtKeySet(jwksUri, issuer: null, discoveryUri: null, options);
    }

    /// <summary>
    /// Finds the JWK Set of an OpenID Connect provider by discovery: reads <c>{issuer}/.well-known/openid-configuration</c>,
    /// checks that its <c>issuer</c> is exactly <paramref name="issuer"/>, and takes its <c>jwks_uri</c>. Nothing is fetched yet.
    /// </summary>
    /// <param name="issuer">The issuer identifier, exactly as the provider writes it in <c>iss</c> (a trailing slash matters).</param>
    /// <param name="options">The cache, refresh and request limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The remote set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="issuer"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="issuer"/> is not an absolute URL without query or fragment, or is plain <c>http</c> to a host that is
    /// not a loopback address without the opt-in.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is out of range.</exception>
    public static RemoteJwtKeySet FromIssuer(string issuer, RemoteJwtKeySetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out Uri? issuerUri) || issuerUri.Query.Length != 0 || issuerUri.Fragment.Length != 0)
        {
            ThrowHelper.ThrowArgument("The issuer must be an absolute URL without query or fragment, such as https://login.example.com/realm.", nameof(issuer));
        }

        CheckAddress(issuerUri, options?.AllowInsecureHttp ?? false, nameof(issuer));
        var discovery = new Uri(issuer.TrimEnd('/') + "/.well-known/openid-configuration", UriKind.Absolute);
        return new RemoteJwtKeySet(jwksUri: null, issuer, discovery, options);
    }

    /// <summary>The key set to verify with: each lookup uses the last good copy (see the remarks of <see cref="RemoteJwtKeySet"/>).</summary>
    public JwtKeySet KeySet { get; }

    /// <summary>The issuer whose discovery document names the JWK Set, or <see langword="null"/> when the set was given by address.</summary>
    public string? Issuer { get; }

    /// <summary>The JWK Set's address: the one given, or the one the last discovery found (<see langword="null"/> before it).</summary>
    public Uri? JwksUri => _configuredJwksUri ?? Volatile.Read(ref _discoveredJwksUri);

    /// <summary>When the set in service was fetched, or <see langword="null"/> when none was fetched yet.</summary>
    public DateTimeOffset? LastRefreshed => Volatile.Read(ref _state) is { } state ? new DateTimeOffset(state.FetchedAt, TimeSpan.Zero) : null;

    /// <summary>Why the last refresh failed, or <see langword="null"/> when it succeeded (or none ended yet).</summary>
    public RemoteJwtKeySetException? LastError => Volatile.Read(ref _lastError);

    /// <summary>
    /// Fetches the set now, without waiting for the cooldown (a fetch already running is shared). Never throws for a
    /// failed refresh: it returns <see langword="false"/> and reports the failure in <see cref="LastError"/>.
    /// </summary>
    /// <param name="cancellationToken">Stops the wait (the fetch itself goes on for the other callers).</param>
    /// <returns><see langword="true"/> when the fetch succeeded and its set is now in service.</returns>
    /// <exception cref="ObjectDisposedException">The instance is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_isDisposed, this);
        Task<bool> fetch = StartFetch(force: true) ?? Task.FromResult(false);
        return fetch.WaitAsync(cancellationToken);
    }

    /// <summary>Stops a fetch in progress and disposes the <see cref="HttpClient"/> the set made (never one it was given).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_isDisposed)
            {
                return;
            }

            _isDisposed = true;
        }

        _disposed.Cancel();
        _disposed.Dispose();
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>The fetch running now, or a completed task (for tests: waits without starting one).</summary>
    internal Task PendingRefresh => Volatile.Read(ref _inflight) ?? Task.CompletedTask;

    /// <summary>The hot path: one volatile read and one clock read while the set is fresh.</summary>
    JwtKeySet? IJwtKeySetSource.Current
    {
        get
        {
            Snapshot? state = Volatile.Read(ref _state);
            if (state is not null)
            {
                long now = _time.GetUtcNow().UtcTicks;
                if (now < state.RefreshAt)
                {
                    return state.Set;
                }

                _ = StartFetch(force: false);
                return now < state.StaleAfter ? state.Set : null;
            }

            _ = StartFetch(force: false);
            return null;
        }
    }

    void IJwtKeySetSource.OnKeyNotFound(string? keyId, JwtAlgorithm algorithm) => _ = StartFetch(force: false);

    Task IJwtKeySetSource.WaitForKeyAsync(string? keyId, JwtAlgorithm algorithm, CancellationToken cancellationToken) =>
        StartFetch(force: false) is { } fetch ? fetch.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The running fetch, or a new one when none runs and the cooldown since the last attempt is over (or
    /// <paramref name="force"/>); <see langword="null"/> when no fetch is allowed now. The gate is held for a few
    /// instructions only, never across I/O.
    /// </summary>
    private Task<bool>? StartFetch(bool force)
    {
        lock (_gate)
        {
            if (_inflight is { } running)
            {
                return running;
            }

            long now = _time.GetUtcNow().UtcTicks;
            if (_isDisposed || (!force && _lastAttemptTicks != long.MinValue && now - _lastAttemptTicks < _options.RefreshCooldown.Ticks))
            {
                return null;
            }

            _lastAttemptTicks = now;

            // Never on the caller's thread: a verification that starts a refresh does no I/O itself.
            Task<bool> fetch = Task.Run(FetchAsync);
            _inflight = fetch;
            return fetch;
        }
    }

    private async Task<bool> FetchAsync()
    {
        RemoteJwtKeySetException? failure = null;
        try
        {
            Uri jwksUri = _configuredJwksUri ?? Volatile.Read(ref _discoveredJwksUri) ?? await DiscoverAsync().ConfigureAwait(false);
            (byte[] body, CacheControlHeaderValue? cacheControl) = await GetAsync(jwksUri).ConfigureAwait(false);
            if (!JwtKeySet.TryParse(body, _algorithms, _options.AllowWeakKeys, out JwtKeySet? set))
            {
                throw new RemoteJwtKeySetException("The JWK Set at " + jwksUri + " is malformed (not one JSON object with a 'keys' array of objects).");
            }

            long now = _time.GetUtcNow().UtcTicks;
            long ttl = TimeToLive(cacheControl).Ticks;
            Volatile.Write(ref _state, new Snapshot(set, now, now + ttl, now + ttl + _options.GracePeriod.Ticks));
            Volatile.Write(ref _lastError, null);
            return true;
        }
        catch (RemoteJwtKeySetException exception)
        {
            failure = exception;
        }
#pragma warning disable CA1031 // A background refresh must never fault: every failure is reported, none escapes.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            failure = new RemoteJwtKeySetException("The refresh of the JWK Set failed: " + exception.Message, exception);
        }
        finally
        {
            if (failure is not null && _configuredJwksUri is null)
            {
                // Discover again next time: the provider may have moved its keys.
                Volatile.Write(ref _discoveredJwksUri, null);
            }

            lock (_gate)
            {
                _inflight = null;
            }
        }

        Volatile.Write(ref _lastError, failure);
        try
        {
            _options.RefreshFailed?.Invoke(failure);
        }
#pragma warning disable CA1031 // The caller's callback must not fault the fetch that verifications wait for.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return false;
    }

    private TimeSpan TimeToLive(CacheControlHeaderValue? cacheControl)
    {
        TimeSpan ttl = cacheControl switch
        {
            { NoStore: true } or { NoCache: true } => TimeSpan.Zero,
            { MaxAge: { } maxAge } => maxAge,
            _ => _options.DefaultTimeToLive,
        };
        return ttl < _options.MinimumTimeToLive ? _options.MinimumTimeToLive : ttl > _options.MaximumTimeToLive ? _options.MaximumTimeToLive : ttl;
    }

    private async Task<Uri> DiscoverAsync()
    {
        (byte[] body, _) = await GetAsync(_discoveryUri!).ConfigureAwait(false);
        string? issuer = null, jwksUri = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw DiscoveryError("is not a JSON object");
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals("issuer"u8))
                {
                    issuer = ReadOnce(property, issuer);
                }
                else if (property.NameEquals("jwks_uri"u8))
                {
                    jwksUri = ReadOnce(property, jwksUri);
                }
            }
        }
        catch (JsonException exception)
        {
            throw new RemoteJwtKeySetException("The discovery document at " + _discoveryUri + " is not well-formed JSON.", exception);
        }

        if (!string.Equals(issuer, Issuer, StringComparison.Ordinal))
        {
            throw DiscoveryError(issuer is null
                ? "has no 'issuer'"
                : "names another issuer than the configured one (\"" + JsonEncodedText.Encode(issuer.Length > 200 ? issuer[..200] : issuer) + "\"); it must match exactly");
        }

        if (jwksUri is null || !Uri.TryCreate(jwksUri, UriKind.Absolute, out Uri? uri))
        {
            throw DiscoveryError("has no absolute 'jwks_uri'");
        }

        if (!IsAllowed(uri, _options.AllowInsecureHttp))
        {
            throw DiscoveryError("names a jwks_uri that is not https (" + uri.Scheme + "://" + uri.Authority + ")");
        }

        Volatile.Write(ref _discoveredJwksUri, uri);
        return uri;
    }

    private RemoteJwtKeySetException DiscoveryError(string what) =>
        new("The discovery document at " + _discoveryUri + " " + what + ".");

    private string ReadOnce(JsonProperty property, string? previous)
    {
        if (previous is not null)
        {
            throw DiscoveryError("repeats the member '" + property.Name + "'");
        }

        return property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw DiscoveryError("has a member '" + property.Name + "' that is not a string");
    }

    /// <summary>One GET under the request timeout: 200 only, redirects only when allowed, the body read up to the cap.</summary>
    private async Task<(byte[] Body, CacheControlHeaderValue? CacheControl)> GetAsync(Uri address)
    {
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
        Uri current = address;
        try
        {
            for (int hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using HttpResponseMessage response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);

                // A client given by the caller may follow redirects itself: what it ended at must pass the same rules.
                if (response.RequestMessage?.RequestUri is { } reached && reached != current)
                {
                    if (!_options.AllowRedirects)
                    {
                        throw new RemoteJwtKeySetException(current + " redirected the request; redirects are not followed unless AllowRedirects is set.");
                    }

                    if (!IsAllowed(reached, _options.AllowInsecureHttp))
                    {
                        throw new RemoteJwtKeySetException(current + " redirected to an address that is not https.");
                    }
                }

                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (!_options.AllowRedirects)
                    {
                        throw new RemoteJwtKeySetException(
                            current + " answered HTTP " + status.ToString(CultureInfo.InvariantCulture) + " (a redirect); redirects are not followed unless AllowRedirects is set.");
                    }

                    Uri next = new(current, location);
                    if (hop == MaxRedirects || !IsAllowed(next, _options.AllowInsecureHttp))
                    {
                        throw new RemoteJwtKeySetException(current + " redirected too often, or to an address that is not https.");
                    }

                    current = next;
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new RemoteJwtKeySetException(current + " answered HTTP " + status.ToString(CultureInfo.InvariantCulture) + ".");
                }

                if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
                {
                    throw TooLarge(current);
                }

                byte[] body = await ReadCappedAsync(response.Content, current, linked.Token).ConfigureAwait(false);
                return (body, response.Headers.CacheControl);
            }
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !_disposed.IsCancellationRequested)
        {
            throw new RemoteJwtKeySetException(
                current + " did not answer within " + _options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s.", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new RemoteJwtKeySetException("The request to " + current + " failed: " + exception.Message, exception);
        }
        catch (IOException exception)
        {
            throw new RemoteJwtKeySetException("Reading the answer of " + current + " failed: " + exception.Message, exception);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, Uri address, CancellationToken cancellationToken)
    {
        int cap = _options.MaxResponseBytes;
        long? declared = content.Headers.ContentLength;
        byte[] buffer = new byte[(int)Math.Min(declared ?? 16 * 1024, cap) + 1];
        int length = 0;
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > cap)
                    {
                        throw TooLarge(address);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)cap + 1));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }

        if (length > cap)
        {
            throw TooLarge(address);
        }

        return buffer.AsSpan(0, length).ToArray();
    }

    private RemoteJwtKeySetException TooLarge(Uri address) =>
        new("The answer of " + address + " is larger than " + _options.MaxResponseBytes.ToString(CultureInfo.InvariantCulture) + " bytes (MaxResponseBytes).");

    private static bool IsAllowed(Uri address, bool allowInsecureHttp) =>
        address.IsAbsoluteUri
        && (string.Equals(address.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
            || (string.Equals(address.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && (allowInsecureHttp || address.IsLoopback)));

    private static void CheckAddress(Uri address, bool allowInsecureHttp, string paramName)
    {
        if (!IsAllowed(address, allowInsecureHttp))
        {
            ThrowHelper.ThrowArgument(
                "The address must be absolute and https (plain http only to a loopback address such as 127.0.0.1, or with AllowInsecureHttp: keys fetched over http can be replaced by anyone on the path).",
                paramName);
        }
    }

    private static void Validate(RemoteJwtKeySetOptions options)
    {
        TimeSpan year = TimeSpan.FromDays(365);
        CheckRange(options.MinimumTimeToLive, TimeSpan.Zero, year, nameof(options.MinimumTimeToLive));
        CheckRange(options.MaximumTimeToLive, options.MinimumTimeToLive, year, nameof(options.MaximumTimeToLive));
        CheckRange(options.DefaultTimeToLive, options.MinimumTimeToLive, options.MaximumTimeToLive, nameof(options.DefaultTimeToLive));
        CheckRange(options.RefreshCooldown, TimeSpan.Zero, year, nameof(options.RefreshCooldown));
        CheckRange(options.GracePeriod, TimeSpan.Zero, year, nameof(options.GracePeriod));
        CheckRange(options.RequestTimeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10), nameof(options.RequestTimeout));
        if (options.MaxResponseBytes is < 1 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxResponseBytes, "MaxResponseBytes must be between 1 byte and 64 MiB.");
        }
    }

    private static void CheckRange(TimeSpan value, TimeSpan minimum, TimeSpan maximum, string name)
    {
        if (value < minimum || value > maximum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(RemoteJwtKeySetOptions) + "." + name,
                value,
                name + " must be between " + minimum.ToString("c", CultureInfo.InvariantCulture) + " and " + maximum.ToString("c", CultureInfo.InvariantCulture) + ".");
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The client owns the handler (disposeHandler: true).")]
    private static HttpClient CreateDefaultClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>A good set and its times (UTC ticks): fresh before <see cref="RefreshAt"/>, served until <see cref="StaleAfter"/>.</summary>
    private sealed class Snapshot(JwtKeySet set, long fetchedAt, long refreshAt, long staleAfter)
    {
        public JwtKeySet Set { get; } = set;

        public long FetchedAt { get; } = fetchedAt;

        public long RefreshAt { get; } = refreshAt;

        public long StaleAfter { get; } = staleAfter;
    }
}
