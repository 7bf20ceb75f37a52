using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace MiniJwt.Bench;

/// <summary>
/// HS256 on a fastapi-users-shaped token: MiniJwt against the raw HMAC over the same signing input.
/// "Verify" is signature + exp + aud.
/// </summary>
[MemoryDiagnoser]
public class Hs256Benchmarks
{
    private const string Secret = "correct horse battery staple, 32+ bytes long, kept secret";

    private readonly byte[] _payload =
        """{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":4102444800}"""u8.ToArray();

    private readonly byte[] _buffer = new byte[512];
    private readonly byte[] _mac = new byte[32];
    private HmacKey _key = null!;
    private JwtValidationOptions _options = null!;
    private IncrementalHash _hmac = null!;
    private byte[] _secretBytes = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private string _token = null!;

    /// <summary>Builds the key, the token and the raw HMAC state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _key = JwtKey.Hmac(JwtAlgorithm.HS256, Secret);
        _options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["fastapi-users:auth"] };
        _token = Jwt.Encode(_payload, _key);
        int lastDot = _token.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_token.AsSpan(0, lastDot).ToString());
        _signature = JwtBase64Url.DecodeFromChars(_token.AsSpan(lastDot + 1));
        _secretBytes = Encoding.UTF8.GetBytes(Secret);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secretBytes);
    }

    /// <summary>Releases the HMAC state.</summary>
    [GlobalCleanup]
    public void Cleanup() => _hmac.Dispose();

    /// <summary>The floor: a reused keyed HMAC over the signing input.</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark(Baseline = true)]
    public int RawHmacReusedKey()
    {
        _hmac.AppendData(_signingInput);
        _hmac.TryGetHashAndReset(_mac, out int written);
        return written;
    }

    /// <summary>The one-shot HMAC, which sets the key up on every call.</summary>
    /// <returns>The MAC length.</returns>
    [Benchmark]
    public int RawHmacOneShot() => HMACSHA256.HashData(_secretBytes, _signingInput, _mac);

    /// <summary>The floor for verification: reused keyed HMAC plus a constant-time compare.</summary>
    /// <returns>Whether the MAC matches.</returns>
    [Benchmark]
    public bool RawHmacVerify()
    {
        _hmac.AppendData(_signingInput);
        _hmac.TryGetHashAndReset(_mac, out _);
        return CryptographicOperations.FixedTimeEquals(_mac, _signature);
    }

    /// <summary>MiniJwt: encode the JSON payload to a string.</summary>
    /// <returns>The token.</returns>
    [Benchmark]
    public string MiniJwtEncodeString() => Jwt.Encode(_payload, _key);

    /// <summary>MiniJwt: encode the JSON payload into a caller buffer.</summary>
    /// <returns>The number of bytes written.</returns>
    [Benchmark]
    public int MiniJwtEncodeSpan() => Jwt.Encode(_payload, _key, _buffer);

    /// <summary>MiniJwt: verify signature, exp and aud.</summary>
    /// <returns>Whether the token is valid.</returns>
    [Benchmark]
    public bool MiniJwtVerify() => Jwt.TryDecode(_token, _key, _options, out _, out _);
}
