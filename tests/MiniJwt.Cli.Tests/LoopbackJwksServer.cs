using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace MiniJwt.Cli.Tests;

/// <summary>A JWK Set served over plain http on 127.0.0.1 (the one address the library fetches from without https), for verify --jwks URL.</summary>
internal sealed class LoopbackJwksServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _body;
    private readonly Task _loop;

    public LoopbackJwksServer(string jwks)
    {
        _body = jwks;
        int port = FreePort();
        BaseUrl = "http://127.0.0.1:" + port + "/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's address; <c>jwks.json</c> under it is the set, any other path 404.</summary>
    public string BaseUrl { get; }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending GetContextAsync.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            bool found = context.Request.Url?.AbsolutePath == "/jwks.json";
            byte[] body = Encoding.UTF8.GetBytes(found ? _body : "not found");
            context.Response.StatusCode = found ? 200 : 404;
            context.Response.ContentType = found ? "application/json" : "text/plain";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
