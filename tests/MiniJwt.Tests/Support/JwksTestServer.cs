using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MiniJwt.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (an ephemeral port) for the remote key-set tests: serves a discovery document and a JWK
/// Set, can be told to rotate keys and to fail in each way a provider can, and counts requests. Started and stopped by
/// the tests; every wait in it is bounded.
/// </summary>
internal sealed class JwksTestServer : IDisposable
{
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20);

    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _jwksRequests;
    private int _discoveryRequests;
    private int _redirectedRequests;
    private volatile string _jwks = """{"keys":[]}""";
    private volatile JwksServerMode _mode;
    private volatile JwksServerMode _discoveryMode;

    public JwksTestServer()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            BaseAddress = "http://127.0.0.1:" + port;
            _listener = new HttpListener();
            _listener.Prefixes.Add(BaseAddress + "/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }

        Issuer = BaseAddress + "/realm";
        DiscoveryIssuer = Issuer;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseAddress { get; }

    /// <summary>The issuer the discovery document is served for: <c>{base}/realm</c>.</summary>
    public string Issuer { get; }

    /// <summary>The issuer the discovery document names (the same as <see cref="Issuer"/> unless a test changes it).</summary>
    public string DiscoveryIssuer { get; set; }

    public Uri JwksUri => new(BaseAddress + "/jwks");

    /// <summary>The jwks_uri the discovery document names, or <see langword="null"/> for <see cref="JwksUri"/>.</summary>
    public string? DiscoveryJwksUri { get; set; }

    /// <summary>The <c>max-age</c> sent with the JWK Set, or <see langword="null"/> for no Cache-Control.</summary>
    public int? MaxAge { get; set; }

    /// <summary>How long each JWK Set answer is held back (to let concurrent callers pile up on one fetch).</summary>
    public TimeSpan Delay { get; set; }

    public string Jwks { get => _jwks; set => _jwks = value; }

    public JwksServerMode Mode { get => _mode; set => _mode = value; }

    public JwksServerMode DiscoveryMode { get => _discoveryMode; set => _discoveryMode = value; }

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    /// <summary>Requests that reached the redirect target.</summary>
    public int RedirectedRequests => Volatile.Read(ref _redirectedRequests);

    /// <summary>Publishes <paramref name="keys"/> (their public halves) as the JWK Set.</summary>
    public void Publish(params JwtKey[] keys)
    {
        JwtKey[] publicKeys = Array.ConvertAll(keys, k => k.ToPublicKey());
        Jwks = new JwtKeySet(publicKeys).ToJson();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpListenerResponse response = context.Response;

        // One connection per request: no request of a test meets a kept-alive connection the listener is closing.
        response.KeepAlive = false;
        try
        {
            string path = context.Request.Url!.AbsolutePath;
            if (path == "/realm/.well-known/openid-configuration")
            {
                Interlocked.Increment(ref _discoveryRequests);
                string document = "{\"issuer\":\"" + DiscoveryIssuer + "\",\"jwks_uri\":\"" + (DiscoveryJwksUri ?? BaseAddress + "/jwks") + "\",\"id_token_signing_alg_values_supported\":[\"ES256\"]}";
                await AnswerAsync(response, _discoveryMode, document, cacheControl: null).ConfigureAwait(false);
            }
            else if (path == "/jwks")
            {
                Interlocked.Increment(ref _jwksRequests);
                if (Delay > TimeSpan.Zero)
                {
                    await Task.Delay(Delay, _stop.Token).ConfigureAwait(false);
                }

                await AnswerAsync(response, _mode, _jwks, MaxAge is { } age ? "public, max-age=" + age : null).ConfigureAwait(false);
            }
            else if (path == "/moved/jwks")
            {
                Interlocked.Increment(ref _redirectedRequests);
                await AnswerAsync(response, JwksServerMode.Normal, _jwks, null).ConfigureAwait(false);
            }
            else
            {
                response.StatusCode = 404;
                response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException or System.IO.IOException)
        {
            // The client went away (a timeout) or the server stopped.
            try
            {
                response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task AnswerAsync(HttpListenerResponse response, JwksServerMode mode, string document, string? cacheControl)
    {
        switch (mode)
        {
            case JwksServerMode.Error500:
                response.StatusCode = 500;
                response.Close();
                return;
            case JwksServerMode.Hang:
                try
                {
                    await Task.Delay(HangLimit, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                response.Abort();
                return;
            case JwksServerMode.Drop:
                // Promise a body, send a part of it, and close the connection.
                response.StatusCode = 200;
                response.ContentLength64 = 10_000;
                await response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("{\"keys\":["), _stop.Token).ConfigureAwait(false);
                await response.OutputStream.FlushAsync(_stop.Token).ConfigureAwait(false);
                response.Abort();
                return;
            case JwksServerMode.Redirect:
                response.StatusCode = 302;
                response.RedirectLocation = BaseAddress + "/moved/jwks";
                response.Close();
                return;
            case JwksServerMode.Malformed:
                document = """{"keys":[{"kty":"EC",""";
                break;
            case JwksServerMode.Huge:
            case JwksServerMode.HugeChunked:
                response.StatusCode = 200;
                response.ContentType = "application/json";
                byte[] chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                const int total = 10 * 1024 * 1024;
                if (mode == JwksServerMode.Huge)
                {
                    response.ContentLength64 = total;
                }
                else
                {
                    response.SendChunked = true;
                }

                for (int sent = 0; sent < total; sent += chunk.Length)
                {
                    await response.OutputStream.WriteAsync(chunk, _stop.Token).ConfigureAwait(false);
                }

                response.Close();
                return;
        }

        byte[] body = Encoding.UTF8.GetBytes(document);
        response.StatusCode = 200;
        response.ContentType = "application/json";
        if (cacheControl is not null)
        {
            response.Headers["Cache-Control"] = cacheControl;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body, _stop.Token).ConfigureAwait(false);
        response.Close();
    }
}
