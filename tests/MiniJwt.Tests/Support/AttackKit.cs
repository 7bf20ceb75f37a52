using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Properties;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Support;

/// <summary>
/// What the attack tests share: trusted keys made once, a fixed clock, a forger that signs any header and payload
/// bytes with a given key (so that an attack is refused for what it is, not for a bad signature), and one
/// assertion that checks a refusal through every entry point.
/// </summary>
internal static class AttackKit
{
    /// <summary>The fixed "now" of the attack tests (2025-11-24T16:00:00Z).</summary>
    public const long Now = 1_764_000_000;

    /// <summary>An hour after <see cref="Now"/>.</summary>
    public const long InAnHour = Now + 3600;

    public const string Audience = "api";

    public static readonly byte[] HmacSecret = Encoding.UTF8.GetBytes("attack tests: the trusted HMAC secret, 64 bytes long, padded ...");

    public static readonly TimeProvider Clock = new FixedClock(Now);

    private static readonly Lazy<RSA> s_rsa = new(() => RSA.Create(2048));
    private static readonly Lazy<ECDsa> s_p256 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<ECDsa> s_p384 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP384));
    private static readonly Lazy<ECDsa> s_p521 = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP521));

    /// <summary>The trusted RSA-2048 key pair (the raw object, for forging and exporting).</summary>
    public static RSA Rsa => s_rsa.Value;

    public static ECDsa P256 => s_p256.Value;

    public static ECDsa P384 => s_p384.Value;

    public static ECDsa P521 => s_p521.Value;

    public static JwtKey Hs256 { get; } = JwtKey.FromSecret(JwtAlgorithm.HS256, HmacSecret);

    /// <summary>A private key of the trusted pairs, or the HMAC secret, bound to <paramref name="algorithm"/>.</summary>
    public static JwtKey SigningKey(JwtAlgorithm algorithm) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, HmacSecret),
        JwtAlgorithmFamily.Rsa or JwtAlgorithmFamily.RsaPss => JwtKey.FromRsa(algorithm, Rsa),
        _ => JwtKey.FromECDsa(algorithm, Curve(algorithm)),
    };

    /// <summary>What a verifier holds: the public half (or the HMAC secret), bound to <paramref name="algorithm"/>.</summary>
    public static JwtKey VerifyingKey(JwtAlgorithm algorithm) => SigningKey(algorithm).ToPublicKey();

    public static ECDsa Curve(JwtAlgorithm algorithm) => algorithm switch
    {
        JwtAlgorithm.ES256 => P256,
        JwtAlgorithm.ES384 => P384,
        JwtAlgorithm.ES512 => P521,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Strict options for <paramref name="algorithms"/> with the fixed clock.</summary>
    public static JwtValidationOptions Options(params JwtAlgorithm[] algorithms) => new(algorithms) { TimeProvider = Clock };

    /// <summary>A payload that passes the default claim rules at <see cref="Now"/>.</summary>
    public static string ValidPayload => "{\"sub\":\"alice\",\"exp\":" + InAnHour.ToString(CultureInfo.InvariantCulture) + "}";

    public static string B64(string text) => JwtBase64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string B64(byte[] bytes) => JwtBase64Url.EncodeToString(bytes);

    /// <summary>Signs the header and payload JSON texts (UTF-8) with <paramref name="key"/>, whatever the header says.</summary>
    public static string Forge(string headerJson, string payloadJson, JwtKey key) =>
        Forge(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(payloadJson), key);

    /// <summary>Signs any header and payload bytes with <paramref name="key"/>, whatever the header says.</summary>
    public static string Forge(byte[] header, byte[] payload, JwtKey key) => SignInput(B64(header) + "." + B64(payload), key);

    /// <summary>Appends <paramref name="key"/>'s signature over the given signing input (any text).</summary>
    public static string SignInput(string signingInput, JwtKey key)
    {
        byte[] signature = new byte[key.SignatureSize];
        int written = key.Sign(Encoding.ASCII.GetBytes(signingInput), signature);
        return signingInput + "." + B64(signature.AsSpan(0, written).ToArray());
    }

    /// <summary>
    /// Asserts that every entry point refuses <paramref name="token"/> with <paramref name="code"/>: the Try forms
    /// (text and bytes) return false without throwing, the throwing form throws <see cref="JwtException"/>
    /// with that code, and the JWS level agrees up to the signature — it must accept what only the claims refuse.
    /// </summary>
    public static JwtError AssertRefused(string? token, JwtKey key, JwtValidationOptions options, JwtErrorCode code)
    {
        Assert.False(Jwt.TryDecode(token, key, options, out _, out JwtError error), "accepted: " + Show(token));
        Assert.Equal(code, error.Code);

        byte[] utf8 = token is null ? [] : Encoding.UTF8.GetBytes(token);
        Assert.False(Jwt.TryDecode(utf8, key, options, out _, out JwtError bytesError));
        Assert.Equal(token is null ? JwtErrorCode.Empty : code, bytesError.Code);

        JwtException thrown = Assert.Throws<JwtException>(() => Jwt.Decode(token, key, options));
        Assert.Equal(error, thrown.Error);

        bool jwsAccepts = IsClaimLevel(error);
        Assert.Equal(jwsAccepts, Jws.TryVerify(token, key, options.Jws, out _, out JwtError jwsError));
        Assert.Equal(jwsAccepts ? JwtErrorCode.None : code, jwsError.Code);
        return error;
    }

    /// <summary>Asserts that a token is accepted (the control case of an attack).</summary>
    public static JwtToken AssertAccepted(string token, JwtKey key, JwtValidationOptions options)
    {
        Assert.True(Jwt.TryDecode(token, key, options, out JwtToken jwt, out JwtError error), error.ToString());
        return jwt;
    }

    public static string Show(string? text) => text is null ? "null" : PropertyTests.Show(text.Length > 200 ? text[..200] + "…" : text);

    /// <summary>Errors raised at the JWT level only (payload and claims, expected typ): the JWS level accepts such tokens.</summary>
    private static bool IsClaimLevel(JwtError error) => error.Code switch
    {
        JwtErrorCode.InvalidJson or JwtErrorCode.DuplicateMember => error.Part == "payload",
        JwtErrorCode.Expired or JwtErrorCode.NotYetValid or JwtErrorCode.IssuedInFuture or JwtErrorCode.MissingClaim
            or JwtErrorCode.InvalidAudience or JwtErrorCode.InvalidIssuer or JwtErrorCode.InvalidClaimType or JwtErrorCode.InvalidType => true,
        _ => false,
    };

    private sealed class FixedClock(long unixSeconds) : TimeProvider
    {
        private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
