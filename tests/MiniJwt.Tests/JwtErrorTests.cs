using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RefusalKit;

namespace MiniJwt.Tests;

/// <summary>
/// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
/// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
/// and <see cref="Jwt.Decode"/> must report exactly the expected code.
/// </summary>
public class JwtErrorTests
{

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
