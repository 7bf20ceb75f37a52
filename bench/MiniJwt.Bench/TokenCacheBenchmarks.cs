using System;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MiniJwt.Bench;

/// <summary>
/// The verified-token cache (<see cref="JwtTokenCache"/>) against a full verification and the raw floor, on
/// fastapi-users tokens: a hit (the same token again), a miss (a token not remembered: the lookup, the full
/// verification and remembering it), and a mix of 9 hits to 1 miss. The baseline is the bare signature check.
/// </summary>
[MemoryDiagnoser]
public class TokenCacheBenchmarks
{
    /// <summary>Distinct cold tokens the miss and mix cases cycle through.</summary>
    public const int ColdTokens = 1024;

    /// <summary>Hot tokens in the mix: each presented once per 10 decodes, beside one cold token.</summary>
    public const int HotTokens = 9;

    private RawPrimitive _raw = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private string _token = null!;
    private byte[] _tokenUtf8 = null!;
    private JwtKey _key = null!;
    private JwtValidationOptions _plain = null!;
    private JwtValidationOptions _cached = null!;
    private JwtValidationOptions _missing = null!;
    private JwtValidationOptions _mixed = null!;
    private string[] _hot = null!;
    private string[] _cold = null!;
    private int _next;

    /// <summary>The algorithm: HMAC, where the cache must beat the MAC itself, and the two asymmetric families.</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.ES256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>Makes the tokens and the caches, fills the hit and mix caches, and checks every case accepts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        JwtKey signingKey = BenchKeys.MiniJwtSigningKey(Algorithm);
        _token = Jwt.Encode(BenchPayloads.FastApiUsers, signingKey);
        _tokenUtf8 = Encoding.ASCII.GetBytes(_token);
        var parts = new TokenParts(_token);
        _signingInput = parts.SigningInput;
        _signature = parts.Signature;
        _raw = new RawPrimitive(Algorithm);
        _key = BenchKeys.MiniJwtVerificationKey(Algorithm);
        _plain = BenchKeys.MiniJwtOptions(Algorithm);
        _cached = WithCache(new JwtTokenCache());

        // Misses: one slot, and a new token each call, so every lookup misses and every token replaces the last.
        _missing = WithCache(new JwtTokenCache(maxEntries: 1));

        // The mix: 128 slots for 9 hot tokens and 1,024 cold ones; a cold token comes back only after 1,023 others.
        _mixed = WithCache(new JwtTokenCache(maxEntries: 128));
        _hot = new string[HotTokens];
        for (int i = 0; i < HotTokens; i++)
        {
            _hot[i] = Jwt.Encode(BenchPayloads.FastApiUsersWith($"00000000-0000-4000-8000-{i:D12}", BenchPayloads.Audience, BenchPayloads.FarFutureExp), signingKey);
        }

        _cold = new string[ColdTokens];
        for (int i = 0; i < ColdTokens; i++)
        {
            _cold[i] = Jwt.Encode(BenchPayloads.FastApiUsersWith($"00000000-0000-4000-9000-{i:D12}", BenchPayloads.Audience, BenchPayloads.FarFutureExp), signingKey);
        }

        Sanity.Check(Raw(), "raw verify refuses the token");
        Sanity.Check(Full(), "MiniJwt refuses the token");
        Sanity.Check(Hit() && _cached.TokenCache!.Count == 1, "the cache does not remember the token");
        Sanity.Check(HitUtf8(), "the cache refuses the token as bytes");
        Sanity.Check(Miss() && Miss() && _missing.TokenCache!.Count == 1, "a miss is refused or not remembered");
        Sanity.Check(Mix90() == 10, "the mix refuses some tokens");
        string tampered = _token[..^10] + (_token[^10] == 'A' ? "B" : "A") + _token[^9..];
        Sanity.Check(!Jwt.TryDecode(tampered, _key, _cached, out _, out _), "the cached options accept a broken signature");
    }

    /// <summary>Releases the raw HMAC state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _raw.Dispose();

    /// <summary>The floor: the bare signature check.</summary>
    /// <returns>Whether the signature is valid.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Contender.Raw)]
    public bool Raw() => _raw.Verify(_signingInput, _signature);

    /// <summary>MiniJwt without a cache: the full verification, <c>Jwt.TryDecode(string, …)</c>.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool Full() => Jwt.TryDecode(_token, _key, _plain, out _, out _);

    /// <summary>A hit: the same token again, <c>Jwt.TryDecode(string, …)</c>; only the time claims are checked.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool Hit() => Jwt.TryDecode(_token, _key, _cached, out _, out _);

    /// <summary>A hit on the token's bytes, <c>Jwt.TryValidate(ReadOnlySpan&lt;byte&gt;, …)</c>.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool HitUtf8() => Jwt.TryValidate(_tokenUtf8, _key, _cached, out _);

    /// <summary>A miss: a token not remembered (the lookup, the full verification, then remembering it).</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool Miss() => Jwt.TryDecode(_cold[_next++ & (ColdTokens - 1)], _key, _missing, out _, out _);

    /// <summary>Nine hits and one miss; the time is per decode.</summary>
    /// <returns>The number of valid tokens.</returns>
    [Benchmark(OperationsPerInvoke = HotTokens + 1)]
    [BenchmarkCategory(Contender.MiniJwt)]
    public int Mix90()
    {
        int valid = 0;
        for (int i = 0; i < HotTokens; i++)
        {
            if (Jwt.TryDecode(_hot[i], _key, _mixed, out _, out _))
            {
                valid++;
            }
        }

        if (Jwt.TryDecode(_cold[_next++ & (ColdTokens - 1)], _key, _mixed, out _, out _))
        {
            valid++;
        }

        return valid;
    }

    private JwtValidationOptions WithCache(JwtTokenCache cache) =>
        new(Algorithm) { Audiences = [BenchPayloads.Audience], TokenCache = cache };
}
