using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MiniJwt.Bench;

/// <summary>
/// Verify throughput with one key object shared by 1 or 2 threads: each invocation verifies
/// <see cref="TokenCount"/> fastapi-users tokens (64 distinct subjects) in
/// <see cref="Chunks"/> chunks handed by <see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> to at
/// most <see cref="Threads"/> workers. The reported time is per token, so with perfect scaling the mean at
/// Threads = 2 is half that at Threads = 1; the ratio to the raw baseline at the same thread count shows whether
/// a library scales as well as the primitive. It needs two idle cores to mean anything.
/// </summary>
/// <remarks>
/// MiniJwt and IdentityModel share one key object and one options object across threads, as a server does.
/// The raw baseline shares the RSA or ECDSA key object; for HMAC each thread has its own keyed state (an
/// <see cref="System.Security.Cryptography.IncrementalHash"/> cannot be shared), which is the floor a per-key pool
/// can reach.
/// </remarks>
[MemoryDiagnoser]
public class VerifyThroughputBenchmarks
{
    /// <summary>Tokens verified per invocation (the <c>OperationsPerInvoke</c>).</summary>
    public const int TokenCount = 512;

    /// <summary>Work items per invocation, shared out among the threads.</summary>
    public const int Chunks = 16;

    /// <summary>
    /// Passes over the tokens per invocation for the cached contender: a hit costs tens of nanoseconds, so one pass of
    /// <see cref="TokenCount"/> would leave the parallel loop's own cost to dominate and hide how hits scale.
    /// </summary>
    public const int CachedPasses = 32;

    private const int PerChunk = TokenCount / Chunks;
    private const int DistinctTokens = 64;

    private string[] _tokens = null!;
    private byte[][] _signingInputs = null!;
    private byte[][] _signatures = null!;
    private ThreadLocal<RawPrimitive> _raw = null!;
    private JwtKey _key = null!;
    private JwtValidationOptions _options = null!;
    private JwtValidationOptions _cachedOptions = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private TokenValidationParameters _validationParameters = null!;
    private ParallelOptions _parallelOptions = null!;
    private Func<int, int> _rawChunk = null!;
    private Func<int, int> _miniJwtChunk = null!;
    private Func<int, int> _miniJwtCachedChunk = null!;
    private Func<int, int> _identityModelChunk = null!;

    /// <summary>The algorithm: HMAC, where the per-call overhead matters most, and the two asymmetric families.</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.ES256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>The number of threads verifying at once.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Makes the tokens, the shared key and the verifiers, and checks every contender accepts every token.</summary>
    [GlobalSetup]
    public void Setup()
    {
        JwtKey signingKey = BenchKeys.MiniJwtSigningKey(Algorithm);
        _tokens = new string[DistinctTokens];
        _signingInputs = new byte[DistinctTokens][];
        _signatures = new byte[DistinctTokens][];
        for (int i = 0; i < DistinctTokens; i++)
        {
            byte[] payload = BenchPayloads.FastApiUsersWith($"00000000-0000-4000-8000-{i:D12}", BenchPayloads.Audience, BenchPayloads.FarFutureExp);
            _tokens[i] = Jwt.Encode(payload, signingKey);
            var parts = new TokenParts(_tokens[i]);
            _signingInputs[i] = parts.SigningInput;
            _signatures[i] = parts.Signature;
        }

        _raw = new ThreadLocal<RawPrimitive>(() => new RawPrimitive(Algorithm), trackAllValues: true);
        _key = BenchKeys.MiniJwtVerificationKey(Algorithm);
        _options = BenchKeys.MiniJwtOptions(Algorithm);
        _cachedOptions = new JwtValidationOptions(Algorithm) { Audiences = [BenchPayloads.Audience], TokenCache = new JwtTokenCache() };
        _jsonWebTokenHandler = new JsonWebTokenHandler();
        _validationParameters = IdentityModelSetup.ValidationParameters(Algorithm);
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = Threads };
        _rawChunk = RawChunk;
        _miniJwtChunk = MiniJwtChunk;
        _miniJwtCachedChunk = MiniJwtCachedChunk;
        _identityModelChunk = IdentityModelChunk;

        Sanity.Check(Raw() == TokenCount, "raw verify refuses some tokens");
        Sanity.Check(MiniJwtString() == TokenCount, "MiniJwt refuses some tokens");
        Sanity.Check(MiniJwtCached() == TokenCount * CachedPasses && _cachedOptions.TokenCache!.Count > 0, "MiniJwt with a cache refuses some tokens or remembers none");
        Sanity.Check(IdentityModelJsonWebToken() == TokenCount, "JsonWebTokenHandler refuses some tokens");
    }

    /// <summary>Releases the raw HMAC states.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (RawPrimitive raw in _raw.Values)
        {
            raw.Dispose();
        }

        _raw.Dispose();
    }

    /// <summary>The floor: bare signature checks (per-thread keyed HMAC; the shared RSA or ECDSA key).</summary>
    /// <returns>The number of valid tokens.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = TokenCount)]
    [BenchmarkCategory(Contender.Raw)]
    public int Raw() => Run(_rawChunk);

    /// <summary>MiniJwt: <c>Jwt.TryDecode</c> with one shared key and options (signature, <c>exp</c>, <c>aud</c>).</summary>
    /// <returns>The number of valid tokens.</returns>
    [Benchmark(OperationsPerInvoke = TokenCount)]
    [BenchmarkCategory(Contender.MiniJwt)]
    public int MiniJwtString() => Run(_miniJwtChunk);

    /// <summary>
    /// MiniJwt with one shared <see cref="JwtTokenCache"/> (in the shared options): after the first round every token is a
    /// hit. Each chunk makes <see cref="CachedPasses"/> passes, so the mean is still per token.
    /// </summary>
    /// <returns>The number of valid verifications.</returns>
    [Benchmark(OperationsPerInvoke = TokenCount * CachedPasses)]
    [BenchmarkCategory(Contender.MiniJwt)]
    public int MiniJwtCached() => Run(_miniJwtCachedChunk);

    /// <summary>Microsoft.IdentityModel.JsonWebTokens: one shared handler and parameters (signature, <c>exp</c>, <c>aud</c>).</summary>
    /// <returns>The number of valid tokens.</returns>
    [Benchmark(OperationsPerInvoke = TokenCount)]
    [BenchmarkCategory(Contender.IdentityModel)]
    public int IdentityModelJsonWebToken() => Run(_identityModelChunk);

    private int Run(Func<int, int> chunk)
    {
        int valid = 0;
        Parallel.For(
            0,
            Chunks,
            _parallelOptions,
            () => 0,
            (i, _, local) => local + chunk(i),
            local => Interlocked.Add(ref valid, local));
        return valid;
    }

    private int RawChunk(int chunk)
    {
        RawPrimitive raw = _raw.Value!;
        int valid = 0;
        for (int i = chunk * PerChunk; i < (chunk + 1) * PerChunk; i++)
        {
            int t = i % DistinctTokens;
            if (raw.Verify(_signingInputs[t], _signatures[t]))
            {
                valid++;
            }
        }

        return valid;
    }

    private int MiniJwtChunk(int chunk)
    {
        int valid = 0;
        for (int i = chunk * PerChunk; i < (chunk + 1) * PerChunk; i++)
        {
            if (Jwt.TryDecode(_tokens[i % DistinctTokens], _key, _options, out _, out _))
            {
                valid++;
            }
        }

        return valid;
    }

    private int MiniJwtCachedChunk(int chunk)
    {
        int valid = 0;
        for (int pass = 0; pass < CachedPasses; pass++)
        {
            for (int i = chunk * PerChunk; i < (chunk + 1) * PerChunk; i++)
            {
                if (Jwt.TryDecode(_tokens[i % DistinctTokens], _key, _cachedOptions, out _, out _))
                {
                    valid++;
                }
            }
        }

        return valid;
    }

    private int IdentityModelChunk(int chunk)
    {
        int valid = 0;
        for (int i = chunk * PerChunk; i < (chunk + 1) * PerChunk; i++)
        {
            if (_jsonWebTokenHandler.ValidateTokenAsync(_tokens[i % DistinctTokens], _validationParameters).GetAwaiter().GetResult().IsValid)
            {
                valid++;
            }
        }

        return valid;
    }
}
