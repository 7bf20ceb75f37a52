using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>
/// <see cref="JwtKey.ToJwk(bool)"/>: the members written, the published values reproduced, Microsoft.IdentityModel's
/// <see cref="JsonWebKey"/> as an oracle both ways, and export → import round trips of generated keys (FsCheck).
/// </summary>
public class JwkWriterTests
{
    private static readonly Lazy<RSA> s_thirdRsa = new(() => RSA.Create(3072));

    public static TheoryData<JwtAlgorithm> Algorithms => new(JwtAlgorithms.All.ToArray());

    [Fact]
    public void Public_RSA_JWK_has_exactly_the_public_members()
    {
        JsonObject jwk = JwkReaderTests.Parse(JwtKey.FromJwk(RfcJwks.A2Rsa).ToJwk());
        Assert.Equal(["kty", "kid", "use", "alg", "n", "e"], jwk.Select(m => m.Key));
        Assert.Equal("RSA", (string)jwk["kty"]!);
        Assert.Equal("2011-04-29", (string)jwk["kid"]!);
        Assert.Equal("sig", (string)jwk["use"]!);
        Assert.Equal("RS256", (string)jwk["alg"]!);
    }

    [Fact]
    public void Private_RSA_JWK_reproduces_the_published_values()
    {
        JsonObject published = JwkReaderTests.Parse(RfcJwks.A2Rsa);
        JsonObject written = JwkReaderTests.Parse(JwtKey.FromJwk(RfcJwks.A2Rsa).ToJwk(includePrivate: true));
        foreach (string member in (string[])["n", "e", "d", "p", "q", "dp", "dq", "qi", "kid", "alg"])
        {
            Assert.Equal((string)published[member]!, (string)written[member]!);
        }
    }

    [Fact]
    public void EC_JWK_reproduces_the_published_values_in_full_size()
    {
        // RFC 7520 §3.2: d starts with a zero octet ("AA..."), which the full-size encoding keeps.
        JsonObject published = JwkReaderTests.Parse(RfcJwks.R3_2Ec);
        JwtKey key = JwtKey.FromJwk(RfcJwks.R3_2Ec, JwtAlgorithm.ES512);
        JsonObject written = JwkReaderTests.Parse(key.ToJwk(includePrivate: true));
        Assert.Equal(["kty", "kid", "use", "alg", "crv", "x", "y", "d"], written.Select(m => m.Key));
        foreach (string member in (string[])["crv", "x", "y", "d", "kid"])
        {
            Assert.Equal((string)published[member]!, (string)written[member]!);
        }

        Assert.Equal(["kty", "kid", "use", "alg", "crv", "x", "y"], JwkReaderTests.Parse(key.ToJwk()).Select(m => m.Key));
    }

    [Fact]
    public void HMAC_JWK_is_written_only_when_asked_for_the_secret()
    {
        JwtKey key = JwtKey.FromJwk(RfcJwks.R3_5Oct);
        Assert.Throws<InvalidOperationException>(() => key.ToJwk());
        JsonObject written = JwkReaderTests.Parse(key.ToJwk(includePrivate: true));
        Assert.Equal((string)JwkReaderTests.Parse(RfcJwks.R3_5Oct)["k"]!, (string)written["k"]!);
        Assert.Equal("HS256", (string)written["alg"]!);
    }

    [Fact]
    public void Public_key_never_writes_private_values_even_when_asked()
    {
        string json = JwtKey.FromJwk(RfcJwks.A1Rsa).ToJwk(includePrivate: true);
        Assert.Equal(JwtKey.FromJwk(RfcJwks.A1Rsa).ToJwk(), json);
    }

    [Fact]
    public void Restricted_key_ops_are_written_back()
    {
        JsonObject node = JwkReaderTests.Parse(RfcJwks.R3_5Oct);
        node.Remove("use");
        node["key_ops"] = new JsonArray("verify");
        JsonObject written = JwkReaderTests.Parse(JwtKey.FromJwk(node.ToJsonString()).ToJwk(includePrivate: true));
        Assert.Equal("[\"verify\"]", written["key_ops"]!.ToJsonString());
        Assert.Null(written["use"]);
    }

    [Fact]
    public void Kid_is_escaped_as_JSON()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        const string Kid = "a\"b\\c\n東京";
        JwtKey key = JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa, Kid);
        Assert.Equal(Kid, JwtKey.FromJwk(key.ToJwk()).KeyId);
        Assert.Equal(Kid, (string)JwkReaderTests.Parse(key.ToJwk())["kid"]!);
    }

    // ---- IdentityModel as the oracle: it reads what MiniJwt writes ----

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task IdentityModel_reads_the_JWK_MiniJwt_writes_and_verifies_with_it(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, "mini-" + algorithm);
        bool secret = JwtAlgorithms.GetFamily(algorithm) == JwtAlgorithmFamily.Hmac;
        var jwk = new JsonWebKey(key.ToJwk(includePrivate: secret));
        Assert.Equal("mini-" + algorithm, jwk.Kid);
        Assert.Equal(JwtAlgorithms.GetName(algorithm), jwk.Alg);
        Assert.Equal("sig", jwk.Use);
        Assert.False(jwk.HasPrivateKey && !secret);
        Assert.Equal(JwtBase64Url.DecodeFromChars(key.ComputeJwkThumbprint()), jwk.ComputeJwkThumbprint());

        string token = Jwt.Encode(new JwtClaims().Subject("42").Add("exp", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()), key);
        TokenValidationResult result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidAlgorithms = [JwtAlgorithms.GetName(algorithm)],
            ValidateAudience = false,
            ValidateIssuer = false,
            IssuerSigningKey = jwk,
        });
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    // ---- IdentityModel as the oracle: MiniJwt reads what it writes ----

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void MiniJwt_reads_the_JWK_IdentityModel_writes(JwtAlgorithm algorithm)
    {
        (JsonWebKey written, SecurityKey signingKey) = IdentityModelJwk(algorithm, "im-" + algorithm);
        string json = Serialize(written);
        JwtKey key = JwtKey.FromJwk(json);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal("im-" + algorithm, key.KeyId);
        Assert.Equal(written.ComputeJwkThumbprint(), JwtBase64Url.DecodeFromChars(key.ComputeJwkThumbprint()));

        // IdentityModel signs; the key MiniJwt read verifies.
        string token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["sub"] = "42" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(signingKey, JwtAlgorithms.GetName(algorithm)) { Key = { KeyId = "im-" + algorithm } },
        });
        var options = new JwtValidationOptions(algorithm);
        Assert.True(Jwt.TryDecode(token, key.ToPublicKey(), options, out JwtToken decoded, out JwtError error), error.ToString());
        Assert.Equal("im-" + algorithm, decoded.Header.KeyId);
    }

    [Fact]
    public void IdentityModel_private_RSA_JWK_is_read_when_its_values_are_minimal()
    {
        // IdentityModel writes .NET's fixed-length private values; when one starts with a zero octet, the JWK breaks
        // RFC 7518 §6.3.2's minimal encoding and MiniJwt refuses it. Either way the outcome is the documented one.
        using RSA rsa = RSA.Create(2048);
        JsonWebKey jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(true)));
        jwk.Alg = "PS256";
        string json = Serialize(jwk);
        bool minimal = new[] { jwk.D, jwk.P, jwk.Q, jwk.DP, jwk.DQ, jwk.QI }.All(v => Base64UrlEncoder.DecodeBytes(v)[0] != 0);
        if (minimal)
        {
            JwtKey key = JwtKey.FromJwk(json);
            Assert.True(key.CanSign);
            JwkReaderTests.AssertSignsFor(key, JwtKey.FromRsa(JwtAlgorithm.PS256, rsa).ToPublicKey());
        }
        else
        {
            JwkReaderTests.AssertRefused(json, "minimal octets");
        }
    }

    // ---- Round trips of generated keys ----

    [Fact]
    public void Export_then_import_gives_the_same_key_for_generated_keys()
    {
        RSA[] rsaKeys = [TestKeys.Rsa, TestKeys.OtherRsa, s_thirdRsa.Value];
        Gen<(int Algorithm, int Seed, bool Private, bool WithKid)> cases =
            from algorithm in Gen.Choose(0, 11)
            from seed in Gen.Choose(0, int.MaxValue)
            from isPrivate in ArbMap.Default.GeneratorFor<bool>()
            from withKid in ArbMap.Default.GeneratorFor<bool>()
            select (algorithm, seed, isPrivate, withKid);

        int signed = 0;
        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true),
            Prop.ForAll(Arb.From(cases), c =>
            {
                JwtAlgorithm algorithm = JwtAlgorithms.All[c.Algorithm];
                string? kid = c.WithKid ? "k-" + c.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                JwtKey key = Generate(algorithm, c.Seed, kid, rsaKeys);
                bool secret = key is HmacKey;
                bool includePrivate = c.Private || secret;

                string json = key.ToJwk(includePrivate);
                JwtKey back = JwtKey.FromJwk(json);
                Assert.Equal(key.Algorithm, back.Algorithm);
                Assert.Equal(key.KeyId, back.KeyId);
                Assert.Equal(includePrivate, back.CanSign);
                Assert.True(back.PublicKeyEquals(key));
                Assert.Equal(key.ComputeJwkThumbprint(), back.ComputeJwkThumbprint());
                Assert.Equal(json, back.ToJwk(includePrivate));

                // The imported private key signs what the original verifies (every tenth case: RSA signing is slow).
                if (back.CanSign && c.Seed % 10 == 0)
                {
                    JwkReaderTests.AssertSignsFor(back, key.ToPublicKey());
                    signed++;
                }
            }));
        TestContext.Current.TestOutputHelper?.WriteLine("1000 round trips, " + signed + " signed with the imported key");
    }

    private static JwtKey Generate(JwtAlgorithm algorithm, int seed, string? kid, RSA[] rsaKeys)
    {
        var random = new Random(seed);
        switch (JwtAlgorithms.GetFamily(algorithm))
        {
            case JwtAlgorithmFamily.Hmac:
                byte[] secret = new byte[JwtAlgorithms.GetHashSize(algorithm) + random.Next(0, 33)];
                random.NextBytes(secret);
                secret[0] = (byte)'k'; // never mistaken for DER or PEM
                return JwtKey.FromSecret(algorithm, secret, kid);
            case JwtAlgorithmFamily.Ecdsa:
                using (ECDsa ecdsa = ECDsa.Create(TestKeys.CurveFor(algorithm)))
                {
                    return JwtKey.FromECDsa(algorithm, ecdsa, kid);
                }

            default:
                return JwtKey.FromRsa(algorithm, rsaKeys[random.Next(rsaKeys.Length)], kid);
        }
    }

    // ---- IdentityModel helpers ----

    /// <summary>A JWK IdentityModel makes for <paramref name="algorithm"/>, and the key IdentityModel signs with (for RSA, the
    /// private <see cref="RsaSecurityKey"/> of the public JWK: its own private JWK may break the minimal encoding, see above).</summary>
    internal static (JsonWebKey Jwk, SecurityKey SigningKey) IdentityModelJwk(JwtAlgorithm algorithm, string kid)
    {
        JsonWebKey jwk;
        SecurityKey? signingKey = null;
        switch (JwtAlgorithms.GetFamily(algorithm))
        {
            case JwtAlgorithmFamily.Hmac:
                jwk = JsonWebKeyConverter.ConvertFromSymmetricSecurityKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(64)));
                break;
            case JwtAlgorithmFamily.Ecdsa:
                jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(TestKeys.CurveFor(algorithm))));
                break;
            default:
                jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(TestKeys.Rsa.ExportParameters(false)));
                signingKey = new RsaSecurityKey(TestKeys.Rsa);
                break;
        }

        jwk.Kid = kid;
        jwk.Alg = JwtAlgorithms.GetName(algorithm);
        jwk.Use = "sig";
        return (jwk, signingKey ?? jwk);
    }

    /// <summary>The members IdentityModel's key holds, as a JWK object (its own property values, unchanged).</summary>
    internal static string Serialize(JsonWebKey jwk)
    {
        var members = new Dictionary<string, string>();
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                members[name] = value;
            }
        }

        Add("kty", jwk.Kty);
        Add("kid", jwk.Kid);
        Add("use", jwk.Use);
        Add("alg", jwk.Alg);
        Add("crv", jwk.Crv);
        Add("x", jwk.X);
        Add("y", jwk.Y);
        Add("n", jwk.N);
        Add("e", jwk.E);
        Add("d", jwk.D);
        Add("p", jwk.P);
        Add("q", jwk.Q);
        Add("dp", jwk.DP);
        Add("dq", jwk.DQ);
        Add("qi", jwk.QI);
        Add("k", jwk.K);
        return JsonSerializer.Serialize(members);
    }
}
