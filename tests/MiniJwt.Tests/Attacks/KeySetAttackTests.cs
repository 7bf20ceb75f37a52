using System;
using System.Security.Cryptography;
using System.Text;
using Xunit;
using static MiniJwt.Tests.Attacks.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks on verification against a key set: the attacker controls the header that chooses the key. The set makes
/// one choice by <c>kid</c> and <c>alg</c> (after the allow-list), never tries every key, never takes a key from the
/// header (<c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c>), and refuses to verify with a set that mixes secrets and public keys.
/// </summary>
public sealed class KeySetAttackTests
{
    private static readonly JwtKey RsaSigner = JwtKey.FromRsa(JwtAlgorithm.RS256, Rsa, "rsa-1");
    private static readonly JwtKey EcSigner = JwtKey.FromECDsa(JwtAlgorithm.ES256, P256, "ec-1");
    private static readonly JwtKeySet PublicSet = new(RsaSigner.ToPublicKey(), EcSigner.ToPublicKey(), JwtKey.FromECDsa(JwtAlgorithm.ES384, P384, "ec-2").ToPublicKey());
    private static readonly JwtValidationOptions Every = Options(JwtAlgorithm.HS256, JwtAlgorithm.RS256, JwtAlgorithm.PS256, JwtAlgorithm.ES256, JwtAlgorithm.ES384);

    /// <summary>The refusal through every set entry point: Jwt text, bytes and throwing forms, and the JWS level.</summary>
    private static void AssertRefused(string token, JwtKeySet set, JwtValidationOptions options, JwtErrorCode code)
    {
        Assert.False(Jwt.TryDecode(token, set, options, out _, out JwtError error), "accepted: " + Show(token));
        Assert.Equal(code, error.Code);
        Assert.False(Jwt.TryDecode(Encoding.ASCII.GetBytes(token), set, options, out _, out JwtError bytesError));
        Assert.Equal(error, bytesError);
        Assert.Equal(error, Assert.Throws<JwtException>(() => Jwt.Decode(token, set, options)).Error);
        Assert.False(Jws.TryVerify(token, set, options.Jws, out _, out JwtError jwsError));
        Assert.Equal(error, jwsError);
        Assert.False(Jws.TryVerify(Encoding.ASCII.GetBytes(token), set, options.Jws, out _, out jwsError));
        Assert.Equal(error, jwsError);
    }

    [Fact]
    public void Control_EachKeyOfThePublicSet_VerifiesItsTokens()
    {
        Assert.Equal("alice", Jwt.Decode(Forge("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", ValidPayload, RsaSigner), PublicSet, Every).Subject);
        Assert.Equal("alice", Jwt.Decode(Forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", ValidPayload, EcSigner), PublicSet, Every).Subject);
        Assert.Equal("alice", Jwt.Decode(Forge("{\"alg\":\"ES256\"}", ValidPayload, EcSigner), PublicSet, Every).Subject);
    }

    [Fact]
    public void KidOfAnRsaKey_WithHs256SignedByItsPublicKey_IsKeyNotFound()
    {
        // The classic confusion through a set: the kid names the RSA key, alg says HS256, the MAC is keyed with the public key.
        // (MiniJwt refuses such a secret, so the MAC is computed by hand.)
        string input = B64("{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}") + "." + B64(ValidPayload);
        string token = input + "." + B64(HMACSHA256.HashData(Rsa.ExportSubjectPublicKeyInfo(), Encoding.ASCII.GetBytes(input)));
        AssertRefused(token, PublicSet, Every, JwtErrorCode.KeyNotFound);
    }

    [Theory]
    [InlineData("PS256", "rsa-1")]
    [InlineData("ES384", "ec-1")]
    [InlineData("ES256", "rsa-1")]
    public void KidPointingAtAKeyOfAnotherAlgorithm_IsKeyNotFound(string alg, string kid)
    {
        JwtAlgorithm algorithm = Enum.Parse<JwtAlgorithm>(alg);
        string token = Forge("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}", ValidPayload, SigningKey(algorithm));
        AssertRefused(token, PublicSet, Every, JwtErrorCode.KeyNotFound);
    }

    [Fact]
    public void EmbeddedJwk_NamingATrustedKid_IsInvalidSignature()
    {
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string jwk = JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker).ToPublicKey().ToJwk();
        JwtKey attackerKey = JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker);
        AssertRefused(Forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"jwk\":" + jwk + "}", ValidPayload, attackerKey), PublicSet, Every, JwtErrorCode.InvalidSignature);
        AssertRefused(Forge("{\"alg\":\"ES256\",\"jwk\":" + jwk + "}", ValidPayload, attackerKey), PublicSet, Every, JwtErrorCode.InvalidSignature);

        // The jwk member itself is ignored, not refused: the trusted key's signature passes.
        Assert.True(Jwt.TryDecode(Forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"jwk\":" + jwk + "}", ValidPayload, EcSigner), PublicSet, Every, out _, out JwtError error), error.ToString());
    }

    [Theory]
    [InlineData("jku", "\"https://attacker.example/jwks.json\"")]
    [InlineData("x5u", "\"https://attacker.example/cert.pem\"")]
    [InlineData("x5c", "[\"MIIB\"]")]
    public void HeaderKeyLocations_AreNeverFetched_AnUnknownKidIsKeyNotFound(string parameter, string value)
    {
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwtKey attackerKey = JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker);
        string header = "{\"alg\":\"ES256\",\"kid\":\"attacker\",\"" + parameter + "\":" + value + "}";
        AssertRefused(Forge(header, ValidPayload, attackerKey), PublicSet, Every, JwtErrorCode.KeyNotFound);

        string trustedKid = "{\"alg\":\"ES256\",\"kid\":\"ec-1\",\"" + parameter + "\":" + value + "}";
        AssertRefused(Forge(trustedKid, ValidPayload, attackerKey), PublicSet, Every, JwtErrorCode.InvalidSignature);
    }

    [Fact]
    public void AnAlgorithmOutsideTheAllowList_IsRefusedBeforeTheSetIsAsked()
    {
        string token = Forge("{\"alg\":\"ES384\",\"kid\":\"ec-2\"}", ValidPayload, SigningKey(JwtAlgorithm.ES384));
        AssertRefused(token, PublicSet, Options(JwtAlgorithm.RS256, JwtAlgorithm.ES256), JwtErrorCode.AlgorithmNotAllowed);
        AssertRefused(Forge("{\"alg\":\"none\",\"kid\":\"ec-1\"}", ValidPayload, EcSigner), PublicSet, Every, JwtErrorCode.AlgorithmNotAllowed);
        AssertRefused(Forge("{\"alg\":\"HS256\"}", ValidPayload, Hs256), new JwtKeySet(Hs256, RsaSigner.ToPublicKey()), Options(JwtAlgorithm.RS256), JwtErrorCode.AlgorithmNotAllowed);
    }

    [Fact]
    public void KidAbsent_WithTwoCandidates_IsAmbiguous_AndNeitherIsTried()
    {
        using ECDsa next = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var twoEc = new JwtKeySet(EcSigner.ToPublicKey(), JwtKey.FromECDsa(JwtAlgorithm.ES256, next, "ec-new").ToPublicKey());
        AssertRefused(Forge("{\"alg\":\"ES256\"}", ValidPayload, EcSigner), twoEc, Every, JwtErrorCode.AmbiguousKey);
    }

    [Fact]
    public void ARepeatedKid_IsAmbiguous()
    {
        // A set read from JSON may repeat a kid (one made from keys refuses it).
        string jwk = EcSigner.ToPublicKey().ToJwk();
        var repeated = JwtKeySet.Parse("{\"keys\":[" + jwk + "," + jwk + "]}");
        AssertRefused(Forge("{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", ValidPayload, EcSigner), repeated, Every, JwtErrorCode.AmbiguousKey);
    }

    [Fact]
    public void AMixedSet_IsRefused_ForEveryToken()
    {
        // An HMAC secret among public keys: whoever knows the public set might know the secret; nothing verifies.
        var mixed = new JwtKeySet(RsaSigner.ToPublicKey(), JwtKey.FromSecret(JwtAlgorithm.HS256, HmacSecret, "hs"));
        AssertRefused(Forge("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", ValidPayload, RsaSigner), mixed, Every, JwtErrorCode.MixedKeySet);
        AssertRefused(Forge("{\"alg\":\"HS256\",\"kid\":\"hs\"}", ValidPayload, Hs256), mixed, Every, JwtErrorCode.MixedKeySet);

        // Also when the secret was a member of a parsed set.
        string set = "{\"keys\":[" + RsaSigner.ToPublicKey().ToJwk() + ",{\"kty\":\"oct\",\"kid\":\"hs\",\"alg\":\"HS256\",\"k\":\"" + B64(HmacSecret) + "\"}]}";
        AssertRefused(Forge("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", ValidPayload, RsaSigner), JwtKeySet.Parse(set), Every, JwtErrorCode.MixedKeySet);
    }
}
