using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace MiniJwt.AspNetCore.Tests;

/// <summary>
/// A real redis-server (Debian's package) on 127.0.0.1 and a free port, without persistence, run by the tests and
/// stopped after them. When redis-server is not installed, starting one fails with the way to install it: the
/// revocation tests never pass without the real thing.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>For Microsoft.Extensions.Caching.StackExchangeRedis: short timeouts, so a stopped server is noticed quickly.</summary>
    public string Configuration => "127.0.0.1:" + Port + ",abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        string executable = Find() ?? throw new InvalidOperationException(
            "redis-server is not installed, and the revocation tests run against a real Redis server: "
            + "install it with `apt-get install -y redis-server` (.ci/run installs it when it is missing).");
        for (int attempt = 1; ; attempt++)
        {
            var server = new RedisServer(FreePort());
            try
            {
                await server.StartProcessAsync(executable);
                return server;
            }
            catch (IOException) when (attempt < 3)
            {
                await server.DisposeAsync(); // the port was taken meanwhile: another one
            }
        }
    }

    /// <summary>Kills the server (as a crash or a network cut would look to the client).</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }

            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port, empty.</summary>
    public Task RestartAsync()
    {
        Stop();
        return StartProcessAsync(Find()!);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Ready once it answers PING; at most 15 seconds on a loaded machine.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (process.HasExited)
            {
                string said;
                lock (output)
                {
                    said = output.ToString();
                }

                throw new IOException("redis-server stopped at once on port " + Port + ": " + said);
            }

            if (await PingAsync(Port))
            {
                return;
            }

            await Task.Delay(50);
        }

        Stop();
        throw new InvalidOperationException("redis-server did not answer PING on port " + Port + " within 15 seconds.");
    }

    private static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
            byte[] answer = new byte[7];
            int read = await stream.ReadAsync(answer, timeout.Token);
            return Encoding.ASCII.GetString(answer, 0, read) == "+PONG\r\n";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? Find()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(directory, "redis-server");
            if (directory.Length != 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null;
    }
}

/// <summary>One redis-server for a test class, started before its first test and stopped after its last.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;

    public RedisServer Server => _server ?? throw new InvalidOperationException("The Redis fixture has not started.");

    public async ValueTask InitializeAsync() => _server = await RedisServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
