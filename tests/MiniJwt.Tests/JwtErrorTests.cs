using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>
/// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
/// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
/// and <see cref="Jwt.Decode"/> must report exactly the expected code.
/// </summary>
public class JwtErrorTests
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

    // ---- The control: the token the other tests break is itself valid ----

    [Fact]
    public void Control_token_is_valid()
    {
        Assert.True(Jwt.TryDecode(WithPayload(Tokens.FarFuturePayload), Key, Default, out JwtToken token, out JwtError error), error.ToString());
        Assert.Equal("42", token.Subject);
        Assert.Equal(default, error);
    }

    [Fact]
    public void Error_codes_have_stable_values()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26],
            Array.ConvertAll(Enum.GetValues<JwtErrorCode>(), c => (int)c));
        Assert.Equal(
            "None Malformed TokenTooLarge InvalidBase64Url InvalidJson DuplicateMember MissingAlgorithm AlgorithmNotAllowed "
            + "KeyAlgorithmMismatch UnsupportedCritical InvalidHeader InvalidSignature Expired NotYetValid IssuedInFuture "
            + "MissingClaim InvalidAudience InvalidIssuer InvalidClaimType InvalidType Empty KeyNotFound AmbiguousKey MixedKeySet KeySetUnavailable Revoked RevocationCheckFailed",
            string.Join(' ', Enum.GetNames<JwtErrorCode>()));
    }

    [Fact]
    public void Every_error_code_has_its_own_description()
    {
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (JwtErrorCode code in Enum.GetValues<JwtErrorCode>())
        {
            string text = JwtError.Describe(code);
            Assert.NotEqual("unknown error", text);
            Assert.True(seen.Add(text), code + " shares its description");
        }
    }

    [Fact]
    public void JwtError_compares_by_code_and_claim()
    {
        JwtError expired = Refuse(WithPayload("{\"exp\":1}"));
        JwtError again = Refuse(WithPayload("{\"exp\":2}"));
        JwtError missing = Refuse(WithPayload("{}"));
        Assert.True(expired == again);
        Assert.False(expired != again);
        Assert.Equal(expired.GetHashCode(), again.GetHashCode());
        Assert.True(expired.Equals((object)again));
        Assert.True(expired != missing);
        Assert.NotEqual(expired, missing);
    }

    [Fact]
    public void Default_JwtError_is_None()
    {
        JwtError none = default;
        Assert.Equal(JwtErrorCode.None, none.Code);
        Assert.Null(none.Part);
        Assert.Null(none.Name);
        Assert.Equal("None: no error", none.ToString());
    }

    [Fact]
    public void JwtException_is_made_only_from_a_JwtError()
    {
        // Every JwtException carries a code: no public constructor makes one without a JwtError.
        System.Reflection.ConstructorInfo constructor = Assert.Single(typeof(JwtException).GetConstructors());
        Assert.Equal([typeof(JwtError)], Array.ConvertAll(constructor.GetParameters(), p => p.ParameterType));
        JwtError error = Refuse(WithPayload("{\"exp\":1}"));
        var exception = new JwtException(error);
        Assert.Equal(error, exception.Error);
        Assert.Equal(JwtErrorCode.Expired, exception.Code);
        Assert.Equal(error.Message, exception.Message);
    }

    // ---- Messages ----

    [Fact]
    public void Error_message_names_the_code_and_claim_but_no_token_material()
    {
        string token = WithPayload("{\"exp\":" + (Now - 1) + ",\"sub\":\"secret-subject\"}");
        JwtError error = Refuse(token);
        Assert.Equal("Expired: the token has expired (claim exp)", error.ToString());
        JwtException exception = Assert.Throws<JwtException>(() => Jwt.Decode(token, Key, Default));
        Assert.Equal("the token has expired (claim exp)", exception.Message);
        Assert.DoesNotContain("secret-subject", exception.ToString(), StringComparison.Ordinal);
    }
}
