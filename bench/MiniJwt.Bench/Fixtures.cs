using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MiniJwt.Bench;

/// <summary>The claim sets every contender signs and verifies.</summary>
public enum PayloadKind
{
    /// <summary>The fastapi-users access token: <c>sub</c> (a UUID), <c>aud</c> and <c>exp</c>; about 90 bytes.</summary>
    FastApiUsers,

    /// <summary>A realistic OpenID-style claim set of about 1 KB: registered claims, profile, roles and nested objects.</summary>
    Claims1K,
}

/// <summary>The payloads, shared by all benchmark classes so that every contender works on the same bytes.</summary>
internal static class BenchPayloads
{
    /// <summary>The audience every verifier is configured with (fastapi-users' default).</summary>
    public const string Audience = "fastapi-users:auth";

    /// <summary>2100-01-01T00:00:00Z: far enough that no token expires during a run.</summary>
    public const long FarFutureExp = 4102444800;

    /// <summary>The fastapi-users payload (92 bytes).</summary>
    public static readonly byte[] FastApiUsers =
        """{"sub":"00000000-0123-4567-890a-bcdef1234591","aud":["fastapi-users:auth"],"exp":4102444800}"""u8.ToArray();

    /// <summary>A 1,047-byte claim set: iss, sub, two audiences, exp, iat, nbf, jti, profile claims, arrays and nested objects.</summary>
    public static readonly byte[] Claims1K =
        """{"iss":"https://auth.example.com/","sub":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","aud":["fastapi-users:auth","https://api.example.com"],"exp":4102444800,"iat":1704067200,"nbf":1704067200,"jti":"9b2e7c4a-51d3-4f0e-a6b8-2c7d9e1f3a50","auth_time":1704067200,"azp":"web-dashboard","scope":"openid profile email offline_access orders:read orders:write invoices:read","name":"Ada Lovelace","given_name":"Ada","family_name":"Lovelace","preferred_username":"ada.lovelace","email":"ada.lovelace@example.com","email_verified":true,"locale":"en-GB","zoneinfo":"Europe/London","roles":["admin","billing","editor","support","viewer"],"groups":["engineering","finance-readers","on-call"],"amr":["pwd","otp"],"tenant":{"id":"a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1b","name":"Analytical Engines Ltd","plan":"enterprise","region":"eu-west-1","features":{"sso":true,"audit_log":true,"max_seats":250}},"address":{"street_address":"12 St James's Square","locality":"London","postal_code":"SW1Y 4JH","country":"GB"},"is_active":true,"is_superuser":false,"is_verified":true}"""u8.ToArray();

    /// <summary>Returns the payload of the given kind.</summary>
    /// <param name="kind">The payload kind.</param>
    /// <returns>The UTF-8 JSON claim set (shared; do not modify).</returns>
    public static byte[] Get(PayloadKind kind) => kind switch
    {
        PayloadKind.FastApiUsers => FastApiUsers,
        PayloadKind.Claims1K => Claims1K,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A fastapi-users-shaped payload with the given subject, audience and expiry, for the negative sanity checks.</summary>
    /// <param name="sub">The subject.</param>
    /// <param name="aud">The single audience.</param>
    /// <param name="exp">The expiry, in seconds since the epoch.</param>
    /// <returns>The UTF-8 JSON claim set.</returns>
    public static byte[] FastApiUsersWith(string sub, string aud, long exp) =>
        Encoding.UTF8.GetBytes($$"""{"sub":"{{sub}}","aud":["{{aud}}"],"exp":{{exp}}}""");
}

/// <summary>
/// The keys, made once per benchmark process and handed to every contender: one RSA-2048 key (RS256 and PS256),
/// one P-256 key (ES256) and one random HMAC secret whose first 32, 48 or 64 bytes serve HS256, HS384 and HS512.
/// </summary>
internal static class BenchKeys
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(64);
    private static readonly Lazy<RSA> LazyRsaPrivate = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> LazyRsaPublic = new(() => PublicRsa(LazyRsaPrivate.Value));
    private static readonly Lazy<ECDsa> LazyEcPrivate = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> LazyEcPublic = new(() => PublicEc(LazyEcPrivate.Value));

    /// <summary>The RSA-2048 key pair.</summary>
    public static RSA RsaPrivate => LazyRsaPrivate.Value;

    /// <summary>The public half of <see cref="RsaPrivate"/>, as a separate object; every verifier uses it.</summary>
    public static RSA RsaPublic => LazyRsaPublic.Value;

    /// <summary>The P-256 key pair.</summary>
    public static ECDsa EcPrivate => LazyEcPrivate.Value;

    /// <summary>The public half of <see cref="EcPrivate"/>, as a separate object; every verifier uses it.</summary>
    public static ECDsa EcPublic => LazyEcPublic.Value;

    /// <summary>Returns (a copy of) the HMAC secret sized for the algorithm: 32, 48 or 64 bytes.</summary>
    /// <param name="algorithm">HS256, HS384 or HS512.</param>
    /// <returns>The secret.</returns>
    public static byte[] HmacSecret(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.HS256 => Secret[..32],
        JwtAlgorithm.HS384 => Secret[..48],
        JwtAlgorithm.HS512 => Secret[..64],
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an HMAC algorithm."),
    };

    /// <summary>The MiniJwt key that signs with <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The signing key.</returns>
    public static JwtKey MiniJwtSigningKey(JwtAlgorithm algorithm) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, HmacSecret(algorithm)),
        JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => JwtKey.FromRsa(algorithm, RsaPrivate),
        JwtAlgorithmFamily.Ecdsa => JwtKey.FromECDsa(algorithm, EcPrivate),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The MiniJwt key that verifies <paramref name="algorithm"/>: the public key for RSA and ECDSA.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    /// <returns>The verification key.</returns>
    public static JwtKey MiniJwtVerificationKey(JwtAlgorithm algorithm) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, HmacSecret(algorithm)),
        JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => JwtKey.FromRsa(algorithm, RsaPublic),
        JwtAlgorithmFamily.Ecdsa => JwtKey.FromECDsa(algorithm, EcPublic),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The MiniJwt options every verify benchmark uses: the one algorithm, <c>exp</c> required, the audience.</summary>
    /// <param name="algorithm">The accepted algorithm.</param>
    /// <returns>The options.</returns>
    public static JwtValidationOptions MiniJwtOptions(JwtAlgorithm algorithm) =>
        new(algorithm) { Audiences = [BenchPayloads.Audience] };

    private static RSA PublicRsa(RSA source)
    {
        RSA rsa = RSA.Create();
        rsa.ImportParameters(source.ExportParameters(includePrivateParameters: false));
        return rsa;
    }

    private static ECDsa PublicEc(ECDsa source)
    {
        ECDsa ecdsa = ECDsa.Create();
        ecdsa.ImportParameters(source.ExportParameters(includePrivateParameters: false));
        return ecdsa;
    }
}

/// <summary>
/// The baseline: the bare primitive over the signing input, with nothing of JOSE around it. For HMAC one keyed
/// <see cref="IncrementalHash"/> is reused (the floor) and a one-shot variant sets the key up per call;
/// RSA uses PKCS#1 v1.5 (RS*) or PSS (PS*) padding, ECDSA the IEEE P1363 (r‖s) format JWS requires.
/// Not thread-safe for HMAC: give each thread its own instance.
/// </summary>
internal sealed class RawPrimitive : IDisposable
{
    private readonly JwtAlgorithm _algorithm;
    private readonly JwtAlgorithmFamily _family;
    private readonly HashAlgorithmName _hash;
    private readonly byte[]? _secret;
    private readonly IncrementalHash? _hmac;

    /// <summary>Creates the primitive for <paramref name="algorithm"/> over <see cref="BenchKeys"/>.</summary>
    /// <param name="algorithm">One of the benchmarked algorithms.</param>
    public RawPrimitive(JwtAlgorithm algorithm)
    {
        _algorithm = algorithm;
        _family = JwtAlgorithms.GetFamily(algorithm);
        _hash = JwtAlgorithms.GetHashAlgorithm(algorithm);
        if (_family == JwtAlgorithmFamily.Hmac)
        {
            _secret = BenchKeys.HmacSecret(algorithm);
            _hmac = IncrementalHash.CreateHMAC(_hash, _secret);
        }
    }

    /// <summary>Signs with the reused key state.</summary>
    /// <param name="input">The JWS signing input.</param>
    /// <param name="signature">Receives the signature.</param>
    /// <returns>The signature length.</returns>
    public int Sign(ReadOnlySpan<byte> input, Span<byte> signature)
    {
        switch (_family)
        {
            case JwtAlgorithmFamily.Hmac:
                _hmac!.AppendData(input);
                _hmac.TryGetHashAndReset(signature, out int written);
                return written;
            case JwtAlgorithmFamily.Rsa:
                return BenchKeys.RsaPrivate.SignData(input, signature, _hash, RSASignaturePadding.Pkcs1);
            case JwtAlgorithmFamily.RsaPss:
                return BenchKeys.RsaPrivate.SignData(input, signature, _hash, RSASignaturePadding.Pss);
            default:
                return BenchKeys.EcPrivate.SignData(input, signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>HMAC only: the one-shot static API, which sets the key up on every call.</summary>
    /// <param name="input">The JWS signing input.</param>
    /// <param name="signature">Receives the MAC.</param>
    /// <returns>The MAC length.</returns>
    public int SignOneShot(ReadOnlySpan<byte> input, Span<byte> signature) => _algorithm switch
    {
        JwtAlgorithm.HS256 => HMACSHA256.HashData(_secret, input, signature),
        JwtAlgorithm.HS384 => HMACSHA384.HashData(_secret, input, signature),
        JwtAlgorithm.HS512 => HMACSHA512.HashData(_secret, input, signature),
        _ => throw new NotSupportedException("One-shot signing is benchmarked for HMAC only."),
    };

    /// <summary>Verifies with the reused key state (HMAC: recompute, then compare in constant time).</summary>
    /// <param name="input">The JWS signing input.</param>
    /// <param name="signature">The signature to check.</param>
    /// <returns>Whether the signature is valid.</returns>
    public bool Verify(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        switch (_family)
        {
            case JwtAlgorithmFamily.Hmac:
                Span<byte> mac = stackalloc byte[64];
                _hmac!.AppendData(input);
                _hmac.TryGetHashAndReset(mac, out int written);
                return CryptographicOperations.FixedTimeEquals(mac[..written], signature);
            case JwtAlgorithmFamily.Rsa:
                return BenchKeys.RsaPublic.VerifyData(input, signature, _hash, RSASignaturePadding.Pkcs1);
            case JwtAlgorithmFamily.RsaPss:
                return BenchKeys.RsaPublic.VerifyData(input, signature, _hash, RSASignaturePadding.Pss);
            default:
                return BenchKeys.EcPublic.VerifyData(input, signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    /// <summary>HMAC only: one-shot MAC, then a constant-time compare.</summary>
    /// <param name="input">The JWS signing input.</param>
    /// <param name="signature">The MAC to check.</param>
    /// <returns>Whether the MAC is valid.</returns>
    public bool VerifyOneShot(ReadOnlySpan<byte> input, ReadOnlySpan<byte> signature)
    {
        Span<byte> mac = stackalloc byte[64];
        int written = SignOneShot(input, mac);
        return CryptographicOperations.FixedTimeEquals(mac[..written], signature);
    }

    /// <summary>Releases the HMAC state.</summary>
    public void Dispose() => _hmac?.Dispose();
}

/// <summary>A compact token split into the parts the raw baseline works on.</summary>
internal readonly struct TokenParts
{
    /// <summary>Splits <paramref name="token"/>.</summary>
    /// <param name="token">A compact JWS.</param>
    public TokenParts(string token)
    {
        int lastDot = token.LastIndexOf('.');
        SigningInput = Encoding.ASCII.GetBytes(token[..lastDot]);
        Signature = JwtBase64Url.DecodeFromChars(token.AsSpan(lastDot + 1));
    }

    /// <summary>The ASCII bytes of <c>header.payload</c>.</summary>
    public byte[] SigningInput { get; }

    /// <summary>The decoded signature.</summary>
    public byte[] Signature { get; }
}

/// <summary>
/// The set-up checks: each contender must produce or accept a correct token before it is timed, so that a
/// misconfigured contender fails loudly instead of reporting a fast time.
/// </summary>
internal static class Sanity
{
    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="what">What was checked, for the message.</param>
    /// <exception cref="InvalidOperationException">The check failed.</exception>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark sanity check failed: " + what);
        }
    }

    /// <summary>Runs a verifier and maps "threw" and "returned false" both to <see langword="false"/>.</summary>
    /// <param name="verify">The verifier.</param>
    /// <returns>Whether the token was accepted.</returns>
    public static bool Accepts(Func<bool> verify)
    {
        try
        {
            return verify();
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks that <paramref name="token"/> (made by another library) verifies with MiniJwt under the benchmark
    /// options and carries the same claims as <paramref name="expectedPayload"/>.
    /// </summary>
    /// <param name="contender">The contender's name, for the message.</param>
    /// <param name="token">The token it made.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="expectedPayload">The claim set it was given.</param>
    public static void CheckEncoded(string contender, string token, JwtAlgorithm algorithm, byte[] expectedPayload)
    {
        bool ok = Jwt.TryDecode(
            token, BenchKeys.MiniJwtVerificationKey(algorithm), BenchKeys.MiniJwtOptions(algorithm), out JwtToken jwt, out JwtError error);
        Check(ok, $"{contender} made a token MiniJwt refuses ({error.Code}): {token}");
        Check(jwt.Header.Algorithm == algorithm, $"{contender} signed with {jwt.Header.Algorithm}, not {algorithm}");
        Check(
            jwt.Header is { Type: "JWT", KeyId: null, ContentType: null },
            $"{contender} wrote another header (typ {jwt.Header.Type}, kid {jwt.Header.KeyId}, cty {jwt.Header.ContentType})");
        JsonNode? actual = NormalizeAudience(JsonNode.Parse(jwt.GetPayload()));
        JsonNode? expected = NormalizeAudience(JsonNode.Parse(expectedPayload));
        Check(JsonNode.DeepEquals(actual, expected), $"{contender} changed the claims: {actual?.ToJsonString()}");
    }

    // RFC 7519 §4.1.3: a single audience may be written as a string or as a one-element array; some libraries
    // rewrite one form into the other, which is not a change of meaning.
    private static JsonNode? NormalizeAudience(JsonNode? payload)
    {
        if (payload is JsonObject claims && claims["aud"] is JsonArray { Count: 1 } audiences)
        {
            claims["aud"] = audiences[0]!.GetValue<string>();
        }

        return payload;
    }
}
