using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>
/// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
/// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
/// and <see cref="Jwt.Decode"/> must report exactly the expected code.
/// </summary>
public class JwtPayloadReaderTests
{
    private const long Now = 1_700_000_000;

    private static readonly JwtKey Key = TestKeys.Hs256;

    private static readonly JwtValidationOptions Default = new(JwtAlgorithm.HS256)
    {
        TimeProvider = FakeTimeProvider.AtUnixSeconds(Now),
    };

    private static string WithHeader(string headerJson) => Tokens.Craft(Key, headerJson, Tokens.FarFuturePayload);

    private static string WithPayload(string payloadJson) => Tokens.Craft(Key, Tokens.Hs256Header, payloadJson);

    /// <summary>Decodes with the Try form, the throwing form and the UTF-8 form; all three must refuse alike.</summary>
    private static JwtError Refuse(string? token, JwtValidationOptions? options = null, JwtKey? key = null)
    {
        options ??= Default;
        key ??= Key;
        Assert.False(Jwt.TryDecode(token, key, options, out JwtToken result, out JwtError error));
        Assert.Equal(string.Empty, result.Token);
        JwtException exception = Assert.Throws<JwtException>(() => Jwt.Decode(token, key, options));
        Assert.Equal(error, exception.Error);
        Assert.Equal(error.Code, exception.Code);
        if (token is not null)
        {
            Assert.False(Jwt.TryDecode(Encoding.UTF8.GetBytes(token), key, options, out _, out JwtError utf8Error));
            Assert.Equal(error, utf8Error);
        }

        return error;
    }

    private static void AssertRefused(JwtErrorCode expected, string? token, JwtValidationOptions? options = null, JwtKey? key = null)
    {
        JwtError error = Refuse(token, options, key);
        Assert.Equal(expected, error.Code);
    }

    private static void AssertRefused(JwtErrorCode expected, string claim, string? token, JwtValidationOptions? options = null)
    {
        JwtError error = Refuse(token, options);
        Assert.Equal(expected, error.Code);
        if (claim is "header" or "payload" or "signature")
        {
            // An error of a whole part names the part, and no parameter or claim.
            Assert.Equal(claim, error.Part);
            Assert.Null(error.Name);
        }
        else
        {
            // A header parameter or a claim, each named with its part.
            Assert.Equal(claim, error.Name);
            Assert.Equal(claim is "alg" or "typ" or "crit" or "b64" ? "header" : "payload", error.Part);
        }
    }

    // Changes the last character of a Base64Url segment so that its unused low bits are no longer zero.
    private static string NonCanonical(string segment)
    {
        Assert.NotEqual(0, segment.Length % 4);
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = Alphabet.IndexOf(segment[^1], StringComparison.Ordinal);
        return segment[..^1] + Alphabet[index + 1];
    }

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
