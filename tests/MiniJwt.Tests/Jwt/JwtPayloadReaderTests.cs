using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RefusalKit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>
/// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
/// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
/// and <see cref="Jwt.Decode"/> must report exactly the expected code.
/// </summary>
public class JwtPayloadReaderTests
{

    // ---- InvalidType ----

    private static JwtValidationOptions WithType(string type) =>
        new(JwtAlgorithm.HS256) { Type = type, TimeProvider = Default.TimeProvider };

    [Fact]
    public void InvalidType_when_typ_differs()
    {
        AssertRefused(JwtErrorCode.InvalidType, "typ", WithHeader("{\"alg\":\"HS256\",\"typ\":\"at+jwt\"}"), WithType("JWT"));
    }

    [Fact]
    public void InvalidType_when_typ_is_absent()
    {
        AssertRefused(JwtErrorCode.InvalidType, "typ", WithHeader("{\"alg\":\"HS256\"}"), WithType("JWT"));
    }

    [Fact]
    public void InvalidType_when_typ_is_a_different_media_type()
    {
        AssertRefused(JwtErrorCode.InvalidType, "typ", WithHeader("{\"alg\":\"HS256\",\"typ\":\"application/jose\"}"), WithType("JWT"));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("jwt")]
    [InlineData("application/jwt")]
    [InlineData("Application/JWT")]
    public void Typ_matches_without_case_and_with_or_without_application_prefix(string typ)
    {
        string token = WithHeader("{\"alg\":\"HS256\",\"typ\":\"" + typ + "\"}");
        Assert.True(Jwt.TryDecode(token, Key, WithType("JWT"), out _, out JwtError error), error.ToString());
        Assert.True(Jwt.TryDecode(token, Key, WithType("application/jwt"), out _, out error), error.ToString());
    }

    [Fact]
    public void Typ_is_not_checked_by_default()
    {
        Assert.True(Jwt.TryDecode(WithHeader("{\"alg\":\"HS256\",\"typ\":\"anything\"}"), Key, Default, out _, out JwtError error), error.ToString());
    }

    // ---- Order of the steps (first failure wins; nothing of the payload before the signature) ----

    [Fact]
    public void Order_signature_is_checked_before_the_claims()
    {
        string token = Tokens.Craft(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48), Tokens.Hs256Header, "{\"exp\":1}");
        AssertRefused(JwtErrorCode.InvalidSignature, token);
    }

    [Fact]
    public void Order_signature_is_checked_before_the_payload_is_parsed()
    {
        string token = Tokens.Craft(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48), Tokens.Hs256Header, "not json");
        AssertRefused(JwtErrorCode.InvalidSignature, token);
    }

    [Fact]
    public void Order_allow_list_is_checked_before_the_key_family()
    {
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), JwtKey.FromSecret(JwtAlgorithm.HS512, TestKeys.Secret64));
        AssertRefused(JwtErrorCode.AlgorithmNotAllowed, token);
    }

    [Fact]
    public void Order_key_family_is_checked_before_crit()
    {
        string token = Tokens.Craft(JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64), "{\"alg\":\"HS384\",\"crit\":[\"x\"]}", Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.HS384) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.KeyAlgorithmMismatch, token, options);
    }

    [Fact]
    public void Order_crit_is_checked_before_the_signature()
    {
        string token = Tokens.Craft(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48), "{\"alg\":\"HS256\",\"crit\":[\"x\"]}", Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.UnsupportedCritical, token);
    }

    [Fact]
    public void Order_claim_types_are_checked_before_times()
    {
        AssertRefused(JwtErrorCode.InvalidClaimType, "sub", WithPayload("{\"exp\":1,\"sub\":1}"));
    }

    [Fact]
    public void Order_typ_is_checked_before_the_payload()
    {
        AssertRefused(JwtErrorCode.InvalidType, "typ", Tokens.Craft(Key, "{\"alg\":\"HS256\"}", "not json"), WithType("JWT"));
    }
}
