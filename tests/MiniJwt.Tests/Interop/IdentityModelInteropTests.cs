using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace MiniJwt.Tests.Interop;

/// <summary>
/// Interoperability with Microsoft.IdentityModel.JsonWebTokens, used here only as a test oracle:
/// tokens MiniJwt writes must validate there, and tokens it writes must verify here, for all 12 algorithms.
/// </summary>
public sealed class InteropIdentityModelTests
{
    private const string Issuer = "https://issuer.example/tenant/ä";
    private const string Audience = "api://mini-jwt";
    private const string OtherAudience = "api://other";

    // Non-ASCII text: Latin-1, a combining mark, CJK, a non-BMP emoji (a surrogate pair), and characters JSON escapes.
    private const string DisplayName = "Zoë Ünïcode e\u0301 東京 😀 \"quoted\" back\\slash </tag> & \u2028";

    private static readonly RSA s_rsa = RSA.Create(2048);
    private static readonly RSA s_otherRsa = RSA.Create(2048);
    private static readonly ECDsa s_p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa s_p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsa s_p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
    private static readonly ECDsa s_otherP256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa s_otherP384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
    private static readonly ECDsa s_otherP521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
    private static readonly byte[] s_secret = RandomNumberGenerator.GetBytes(64);
    private static readonly byte[] s_otherSecret = RandomNumberGenerator.GetBytes(64);

    public static TheoryData<JwtAlgorithm> Algorithms => new(JwtAlgorithms.All.ToArray());

    [Fact]
    public void TheoryDataCoversEveryAlgorithm()
    {
        Assert.Equal(12, Algorithms.Count);
    }

    // (a) MiniJwt writes, IdentityModel validates and reads the claims back.
    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task MiniJwtToken_ValidatesWithIdentityModel(JwtAlgorithm algorithm)
    {
        long exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        JwtClaims claims = new JwtClaims()
            .Subject("user-42")
            .Issuer(Issuer)
            .Audiences([Audience, OtherAudience])
            .Add("exp", exp)
            .Add("name", DisplayName)
            .Add("n", long.MaxValue)
            .Add("admin", true);
        string token = Jwt.Encode(claims, MiniSigningKey(algorithm, "mini-1"));

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(
            token, Parameters(algorithm, IdentityModelVerificationKey(algorithm, "mini-1", other: false)));

        Assert.True(result.IsValid, result.Exception?.ToString());
        var jwt = Assert.IsType<JsonWebToken>(result.SecurityToken);
        Assert.Equal(JwtAlgorithms.GetName(algorithm), jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        Assert.Equal("mini-1", jwt.Kid);
        Assert.Equal("user-42", jwt.Subject);
        Assert.Equal(Issuer, jwt.Issuer);
        Assert.Equal([Audience, OtherAudience], jwt.Audiences.ToArray());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(exp).UtcDateTime, jwt.ValidTo);
        Assert.Equal(DisplayName, jwt.GetPayloadValue<string>("name"));
        Assert.Equal(long.MaxValue, jwt.GetPayloadValue<long>("n"));
        Assert.True(jwt.GetPayloadValue<bool>("admin"));
    }

    // (a, negative) The oracle really checks the signature: the same token fails with another key.
    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task MiniJwtToken_WithAnotherKey_IsRejectedByIdentityModel(JwtAlgorithm algorithm)
    {
        long exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        string token = Jwt.Encode(
            new JwtClaims().Subject("user-42").Issuer(Issuer).Audience(Audience).Add("exp", exp),
            MiniSigningKey(algorithm, "mini-1"));

        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(
            token, Parameters(algorithm, IdentityModelVerificationKey(algorithm, "mini-1", other: true)));

        Assert.False(result.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(result.Exception);
    }

    // (b) IdentityModel writes, MiniJwt verifies and reads the claims back.
    [Theory]
    [MemberData(nameof(Algorithms))]
    public void IdentityModelToken_VerifiesWithMiniJwt(JwtAlgorithm algorithm)
    {
        DateTime expires = DateTime.UtcNow.AddMinutes(10);
        string token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = expires,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "user-42",
                ["name"] = DisplayName,
                ["n"] = long.MinValue,
                ["admin"] = false,
                ["roles"] = new List<string> { "reader", "écrivain" },
            },
            SigningCredentials = new SigningCredentials(
                IdentityModelSigningKey(algorithm, "im-1"), JwtAlgorithms.GetName(algorithm)),
        });

        var options = new JwtValidationOptions(algorithm)
        {
            Audiences = [Audience],
            Issuers = [Issuer],
            Type = "JWT",
            RequiredClaims = ["iat", "nbf"],
        };
        bool ok = Jwt.TryDecode(token, MiniVerificationKey(algorithm, other: false), options, out JwtToken jwt, out JwtError error);

        Assert.True(ok, error.ToString());
        Assert.Equal(algorithm, jwt.Header.Algorithm);
        Assert.Equal("JWT", jwt.Header.Type);
        Assert.Equal("im-1", jwt.Header.KeyId);
        Assert.Equal("user-42", jwt.Subject);
        Assert.Equal(Issuer, jwt.Issuer);
        Assert.Equal([Audience], jwt.Audiences);
        Assert.Equal(new DateTimeOffset(expires).ToUnixTimeSeconds(), jwt.ExpiresAt!.Value.ToUnixTimeSeconds());
        Assert.NotNull(jwt.IssuedAt);
        Assert.NotNull(jwt.NotBefore);
        Assert.True(jwt.TryGetString("name", out string? name));
        Assert.Equal(DisplayName, name);
        Assert.True(jwt.TryGetInt64("n", out long n));
        Assert.Equal(long.MinValue, n);
        Assert.True(jwt.TryGetBoolean("admin", out bool admin));
        Assert.False(admin);
        Assert.True(jwt.TryGetClaim("roles", out JsonElement roles));
        Assert.Equal(["reader", "écrivain"], roles.EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    // (b, negative) MiniJwt really checks IdentityModel's signature: another key of the same algorithm fails.
    [Theory]
    [MemberData(nameof(Algorithms))]
    public void IdentityModelToken_WithAnotherKey_IsRejectedByMiniJwt(JwtAlgorithm algorithm)
    {
        string token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = "user-42" },
            SigningCredentials = new SigningCredentials(
                IdentityModelSigningKey(algorithm, "im-1"), JwtAlgorithms.GetName(algorithm)),
        });
        var options = new JwtValidationOptions(algorithm) { Audiences = [Audience], Issuers = [Issuer] };

        Assert.True(Jwt.TryDecode(token, MiniVerificationKey(algorithm, other: false), options, out _, out JwtError error), error.ToString());
        Assert.False(Jwt.TryDecode(token, MiniVerificationKey(algorithm, other: true), options, out _, out error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
    }

    private static TokenValidationParameters Parameters(JwtAlgorithm algorithm, SecurityKey key) => new()
    {
        ValidAlgorithms = [JwtAlgorithms.GetName(algorithm)],
        ValidAudience = Audience,
        ValidIssuer = Issuer,
        IssuerSigningKey = key,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };

    private static JwtKey MiniSigningKey(JwtAlgorithm algorithm, string keyId) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, Secret(algorithm, other: false), keyId),
        JwtAlgorithmFamily.Ecdsa => JwtKey.FromECDsa(algorithm, Curve(algorithm, other: false), keyId),
        _ => JwtKey.FromRsa(algorithm, s_rsa, keyId),
    };

    // Verification keys are public only, read from SPKI PEM the way a relying party would.
    private static JwtKey MiniVerificationKey(JwtAlgorithm algorithm, bool other) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => JwtKey.FromSecret(algorithm, Secret(algorithm, other)),
        JwtAlgorithmFamily.Ecdsa => JwtKey.FromPem(algorithm, Curve(algorithm, other).ExportSubjectPublicKeyInfoPem()),
        _ => JwtKey.FromPem(algorithm, (other ? s_otherRsa : s_rsa).ExportSubjectPublicKeyInfoPem()),
    };

    private static SecurityKey IdentityModelSigningKey(JwtAlgorithm algorithm, string keyId) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => new SymmetricSecurityKey(Secret(algorithm, other: false)) { KeyId = keyId },
        JwtAlgorithmFamily.Ecdsa => new ECDsaSecurityKey(Curve(algorithm, other: false)) { KeyId = keyId },
        _ => new RsaSecurityKey(s_rsa) { KeyId = keyId },
    };

    private static SecurityKey IdentityModelVerificationKey(JwtAlgorithm algorithm, string keyId, bool other) => JwtAlgorithms.GetFamily(algorithm) switch
    {
        JwtAlgorithmFamily.Hmac => new SymmetricSecurityKey(Secret(algorithm, other)) { KeyId = keyId },
        JwtAlgorithmFamily.Ecdsa => new ECDsaSecurityKey(ECDsa.Create(Curve(algorithm, other).ExportParameters(false))) { KeyId = keyId },
        _ => new RsaSecurityKey((other ? s_otherRsa : s_rsa).ExportParameters(false)) { KeyId = keyId },
    };

    // Exactly the hash size, the smallest secret RFC 7518 §3.2 allows.
    private static byte[] Secret(JwtAlgorithm algorithm, bool other) =>
        (other ? s_otherSecret : s_secret).AsSpan(0, JwtAlgorithms.GetHashSize(algorithm)).ToArray();

    private static ECDsa Curve(JwtAlgorithm algorithm, bool other) => algorithm switch
    {
        JwtAlgorithm.ES256 => other ? s_otherP256 : s_p256,
        JwtAlgorithm.ES384 => other ? s_otherP384 : s_p384,
        _ => other ? s_otherP521 : s_p521,
    };
}
