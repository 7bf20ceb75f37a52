using System;
using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MiniJwt.Bench;

/// <summary>
/// Verification of one MiniJwt-made token (every contender verifies the very same string) with the same key,
/// per algorithm and payload. "Verify" is signature + <c>exp</c> (required) + <c>aud</c> for every contender
/// that can; what a contender cannot check is said on its benchmark and in bench/README.md. The baseline is the
/// bare signature check over the signing input: the reused keyed HMAC plus a constant-time compare for HS*, the
/// RSA or ECDSA verify operation for the others.
/// </summary>
/// <remarks>
/// Set-up checks every contender both ways: it must accept the valid token and refuse one with a broken
/// signature; a contender said to check <c>exp</c> and <c>aud</c> must refuse an expired token and a token for
/// another audience, and one said to skip a check must be seen to skip it, so the table and the README stay true.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(AlgorithmSupportConfig))]
public class VerifyBenchmarks
{
    private RawPrimitive _raw = null!;
    private string _token = null!;
    private byte[] _tokenUtf8 = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private JwtKey _key = null!;
    private JwtValidationOptions _options = null!;
    private JsonWebTokenHandler _jsonWebTokenHandler = null!;
    private JwtSecurityTokenHandler _jwtSecurityTokenHandler = null!;
    private TokenValidationParameters _validationParameters = null!;
    private object _joseKey = null!;
    private Jose.JwsAlgorithm _joseAlgorithm;
    private global::JWT.IJwtDecoder? _jwtNetDecoder;
    private byte[] _jwtNetKey = null!;

    /// <summary>The signing algorithm.</summary>
    [Params(JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512, JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public JwtAlgorithm Algorithm { get; set; }

    /// <summary>The claim set.</summary>
    [ParamsAllValues]
    public PayloadKind Payload { get; set; }

    /// <summary>Builds the token and every verifier, then checks each verifier accepts and refuses as documented.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _token = Jwt.Encode(BenchPayloads.Get(Payload), BenchKeys.MiniJwtSigningKey(Algorithm));
        _tokenUtf8 = Encoding.ASCII.GetBytes(_token);
        var parts = new TokenParts(_token);
        _signingInput = parts.SigningInput;
        _signature = parts.Signature;
        _raw = new RawPrimitive(Algorithm);

        _key = BenchKeys.MiniJwtVerificationKey(Algorithm);
        _options = BenchKeys.MiniJwtOptions(Algorithm);

        _validationParameters = IdentityModelSetup.ValidationParameters(Algorithm);
        _jsonWebTokenHandler = new JsonWebTokenHandler();
        _jwtSecurityTokenHandler = new JwtSecurityTokenHandler();

        _joseKey = JoseSetup.VerificationKey(Algorithm);
        _joseAlgorithm = JoseSetup.Algorithm(Algorithm);

        if (Array.IndexOf(JwtNetSetup.Unsupported, Algorithm) < 0)
        {
            // The algorithm object is pinned (DelegateAlgorithmFactory): the token is checked with this algorithm
            // whatever its header says. The validator checks exp and nbf when present, with no time margin.
            var serializer = new global::JWT.Serializers.JsonNetSerializer();
            _jwtNetDecoder = new global::JWT.JwtDecoder(
                serializer,
                new global::JWT.JwtValidator(serializer, new global::JWT.UtcDateTimeProvider()),
                new global::JWT.JwtBase64UrlEncoder(),
                new global::JWT.Algorithms.DelegateAlgorithmFactory(JwtNetSetup.Algorithm(Algorithm, forSigning: false)));
            _jwtNetKey = JwtNetSetup.Key(Algorithm);
        }

        CheckContenders();
    }

    /// <summary>Releases the raw HMAC state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _raw.Dispose();

    /// <summary>The floor: the bare signature check (reused keyed HMAC + constant-time compare; RSA or ECDSA verify).</summary>
    /// <returns>Whether the signature is valid.</returns>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Contender.Raw)]
    public bool Raw() => _raw.Verify(_signingInput, _signature);

    /// <summary>
    /// The reused keyed HMAC alone, without the compare every verification needs: a floor below <see cref="Raw"/>,
    /// which compares with <see cref="System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"/>. HMAC
    /// only; the interleaved run (<see cref="InterleavedRun"/>) reads it, BenchmarkDotNet does not.
    /// </summary>
    /// <returns>The MAC's length.</returns>
    public int RawMacOnly()
    {
        Span<byte> mac = stackalloc byte[64];
        return _raw.Sign(_signingInput, mac);
    }

    /// <summary>The one-shot HMAC plus a constant-time compare; the key is set up on every call.</summary>
    /// <returns>Whether the MAC is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.Raw)]
    [SkipFor(JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public bool RawHmacOneShot() => _raw.VerifyOneShot(_signingInput, _signature);

    /// <summary>MiniJwt: <c>Jwt.TryDecode(string, …)</c> — allow-list, signature, <c>exp</c> (required), <c>nbf</c>, <c>aud</c>.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool MiniJwtString() => Jwt.TryDecode(_token, _key, _options, out _, out _);

    /// <summary>MiniJwt: <c>Jwt.TryDecode(ReadOnlySpan&lt;byte&gt;, …)</c> on the token's ASCII bytes; same checks.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool MiniJwtUtf8() => Jwt.TryDecode(_tokenUtf8, _key, _options, out _, out _);

    /// <summary>MiniJwt: <c>Jwt.TryValidate(ReadOnlySpan&lt;byte&gt;, …)</c> on the token's ASCII bytes, the verdict only (no allocation); same checks.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.MiniJwt)]
    public bool MiniJwtValidateUtf8() => Jwt.TryValidate(_tokenUtf8, _key, _options, out _);

    /// <summary>
    /// Microsoft.IdentityModel.JsonWebTokens: <c>JsonWebTokenHandler.ValidateTokenAsync</c> (completes
    /// synchronously) — algorithm allow-list, signature, lifetime with <c>exp</c> required, audience; zero clock skew.
    /// </summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.IdentityModel)]
    public bool IdentityModelJsonWebToken() =>
        _jsonWebTokenHandler.ValidateTokenAsync(_token, _validationParameters).GetAwaiter().GetResult().IsValid;

    /// <summary>
    /// System.IdentityModel.Tokens.Jwt: <c>JwtSecurityTokenHandler.ValidateToken</c> — same parameters and checks;
    /// it also builds the <c>ClaimsPrincipal</c> (with its default inbound claim-type mapping), which its API always returns.
    /// </summary>
    /// <returns>The principal.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.SystemIdentityModel)]
    public ClaimsPrincipal SystemIdentityModelJwt() => _jwtSecurityTokenHandler.ValidateToken(_token, _validationParameters, out _);

    /// <summary>
    /// jose-jwt: <c>JWT.Decode(token, key, algorithm)</c> — checks the signature and that the header names the
    /// expected algorithm, and returns the payload text. It SKIPS <c>exp</c> and <c>aud</c>: jose-jwt has no
    /// claim validation.
    /// </summary>
    /// <returns>The payload JSON.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.JoseJwt)]
    public string JoseJwt() => Jose.JWT.Decode(_token, _joseKey, _joseAlgorithm);

    /// <summary>
    /// JWT (Jwt.Net) 7.3.1: <c>JwtDecoder.Decode(token, key, verify: true)</c> — signature, <c>exp</c> and
    /// <c>nbf</c> when present, and returns the payload text. It SKIPS <c>aud</c> (it has no audience check) and
    /// does not require <c>exp</c> (the benchmarked tokens carry one, so it is checked). Not run for PS256 and
    /// ES256, which it lacks.
    /// </summary>
    /// <returns>The payload JSON.</returns>
    [Benchmark]
    [BenchmarkCategory(Contender.JwtNet)]
    [SkipFor(JwtAlgorithm.PS256, JwtAlgorithm.ES256)]
    public string JwtNet() => global::JWT.JwtDecoderExtensions.Decode(_jwtNetDecoder!, _token, _jwtNetKey, verify: true);

    private void CheckContenders()
    {
        JwtKey signingKey = BenchKeys.MiniJwtSigningKey(Algorithm);
        string tampered = Tamper(_token);
        string expired = Jwt.Encode(BenchPayloads.FastApiUsersWith("expired", BenchPayloads.Audience, exp: 1_000_000_000), signingKey);
        string otherAudience = Jwt.Encode(BenchPayloads.FastApiUsersWith("other", "another-audience", BenchPayloads.FarFutureExp), signingKey);

        Sanity.Check(Raw(), "raw verify refuses the token");
        Sanity.Check(!_raw.Verify(new TokenParts(tampered).SigningInput, new TokenParts(tampered).Signature), "raw verify accepts a broken signature");
        if (JwtAlgorithms.GetFamily(Algorithm) == JwtAlgorithmFamily.Hmac)
        {
            Sanity.Check(RawHmacOneShot(), "one-shot HMAC verify refuses the token");
        }

        Sanity.Check(MiniJwtUtf8(), "MiniJwt (UTF-8) refuses the token");
        Sanity.Check(MiniJwtValidateUtf8(), "MiniJwt (UTF-8, verdict only) refuses the token");
        Sanity.Check(!Jwt.TryValidate(Encoding.ASCII.GetBytes(tampered), _key, _options, out _), "MiniJwt (UTF-8, verdict only) accepts a broken signature");
        CheckVerifier(nameof(MiniJwtString), t => Jwt.TryDecode(t, _key, _options, out _, out _), tampered, expired, otherAudience, checksExp: true, checksAud: true);
        CheckVerifier(
            nameof(IdentityModelJsonWebToken),
            t => _jsonWebTokenHandler.ValidateTokenAsync(t, _validationParameters).GetAwaiter().GetResult().IsValid,
            tampered,
            expired,
            otherAudience,
            checksExp: true,
            checksAud: true);
        CheckVerifier(
            nameof(SystemIdentityModelJwt),
            t => _jwtSecurityTokenHandler.ValidateToken(t, _validationParameters, out _) is not null,
            tampered,
            expired,
            otherAudience,
            checksExp: true,
            checksAud: true);
        CheckVerifier(
            nameof(JoseJwt),
            t => Jose.JWT.Decode(t, _joseKey, _joseAlgorithm) is not null,
            tampered,
            expired,
            otherAudience,
            checksExp: false,
            checksAud: false);
        if (_jwtNetDecoder is not null)
        {
            CheckVerifier(
                nameof(JwtNet),
                t => global::JWT.JwtDecoderExtensions.Decode(_jwtNetDecoder, t, _jwtNetKey, verify: true) is not null,
                tampered,
                expired,
                otherAudience,
                checksExp: true,
                checksAud: false);
        }
    }

    private void CheckVerifier(
        string contender, Func<string, bool> verify, string tampered, string expired, string otherAudience, bool checksExp, bool checksAud)
    {
        Sanity.Check(Sanity.Accepts(() => verify(_token)), $"{contender} refuses the valid {Algorithm} token");
        Sanity.Check(!Sanity.Accepts(() => verify(tampered)), $"{contender} accepts a broken signature");
        Sanity.Check(Sanity.Accepts(() => verify(expired)) != checksExp, $"{contender} should {(checksExp ? "refuse" : "(as documented) accept")} an expired token");
        Sanity.Check(Sanity.Accepts(() => verify(otherAudience)) != checksAud, $"{contender} should {(checksAud ? "refuse" : "(as documented) accept")} a token for another audience");
    }

    // Changes one character in the middle of the signature, so the decoded signature bytes differ.
    private static string Tamper(string token)
    {
        int at = token.LastIndexOf('.') + 10;
        char replacement = token[at] == 'A' ? 'B' : 'A';
        return string.Concat(token.AsSpan(0, at), new string(replacement, 1), token.AsSpan(at + 1));
    }
}
