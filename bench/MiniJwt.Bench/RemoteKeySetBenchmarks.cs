using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using MiniJwt.Remote;

namespace MiniJwt.Bench;

/// <summary>
/// The verify path of a remote key set with the set cached and the <c>kid</c> known, against the same key given directly
/// and a set given directly (issue 12: at most 5% over the direct key). The "provider" is an in-memory HTTP handler, so
/// the set-up fetch does no network I/O; the measured calls do none at all. Run with
/// <c>--filter '*RemoteKeySetBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class RemoteKeySetBenchmarks
{
    private JwtKey _key = null!;
    private JwtKeySet _set = null!;
    private RemoteJwtKeySet _remote = null!;
    private JwtValidationOptions _options = null!;
    private string _token = null!;

    /// <summary>The algorithm: HS256 (the fastest verify, so the worst ratio) and RS256 (what providers publish).</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.RS256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>Builds the key, the token, and a remote set fetched once from the in-memory provider.</summary>
    [GlobalSetup]
    public void Setup()
    {
        JwtKey signing = Algorithm == JwtAlgorithm.HS256
            ? JwtKey.FromSecret(JwtAlgorithm.HS256, RandomNumberGenerator.GetBytes(32), keyId: "2026-11")
            : JwtKey.FromRsa(JwtAlgorithm.RS256, RSA.Create(2048), keyId: "2026-11");
        _key = Algorithm == JwtAlgorithm.HS256 ? signing : signing.ToPublicKey();
        _set = new JwtKeySet(_key);
        string jwks = new JwtKeySet(_key).ToJson(includePrivate: Algorithm == JwtAlgorithm.HS256);
        _options = new JwtValidationOptions(Algorithm) { Audiences = ["fastapi-users:auth"] };
        _token = Jwt.Encode(
            Encoding.UTF8.GetBytes("{\"sub\":\"00000000-0123-4567-890a-bcdef1234591\",\"aud\":[\"fastapi-users:auth\"],\"exp\":"
                + 4102444800.ToString(CultureInfo.InvariantCulture) + "}"),
            signing);

#pragma warning disable CA2000 // The set owns nothing it is given; the client lives as long as the benchmark.
        var client = new HttpClient(new JwksHandler(jwks));
#pragma warning restore CA2000
        _remote = RemoteJwtKeySet.FromJwksUri(new System.Uri("https://idp.example.com/jwks"), new RemoteJwtKeySetOptions { HttpClient = client });
        Sanity.Check(_remote.RefreshAsync().GetAwaiter().GetResult(), "the remote set was fetched");
        Sanity.Check(Direct() && StaticSet() && RemoteSet(), "the token verifies every way");
    }

    /// <summary>Disposes the remote set.</summary>
    [GlobalCleanup]
    public void Cleanup() => _remote.Dispose();

    /// <summary>The key given directly.</summary>
    /// <returns><see langword="true"/> when the token verified.</returns>
    [Benchmark(Baseline = true)]
    public bool Direct() => Jwt.TryDecode(_token, _key, _options, out _, out _);

    /// <summary>A set given directly: the key chosen by kid and alg.</summary>
    /// <returns><see langword="true"/> when the token verified.</returns>
    [Benchmark]
    public bool StaticSet() => Jwt.TryDecode(_token, _set, _options, out _, out _);

    /// <summary>The remote set, cached and fresh: one snapshot read and one clock read more.</summary>
    /// <returns><see langword="true"/> when the token verified.</returns>
    [Benchmark]
    public bool RemoteSet() => Jwt.TryDecode(_token, _remote.KeySet, _options, out _, out _);

    private sealed class JwksHandler(string jwks) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(jwks, Encoding.UTF8, "application/json"), RequestMessage = request });
    }
}
