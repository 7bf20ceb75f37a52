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
public class JwtErrorCodeTests
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
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
            Array.ConvertAll(Enum.GetValues<JwtErrorCode>(), c => (int)c));
        Assert.Equal(
            "None Malformed TokenTooLarge InvalidBase64Url InvalidJson DuplicateMember MissingAlgorithm AlgorithmNotAllowed "
            + "KeyAlgorithmMismatch UnsupportedCritical InvalidHeader InvalidSignature Expired NotYetValid IssuedInFuture "
            + "MissingClaim InvalidAudience InvalidIssuer InvalidClaimType InvalidType Empty KeyNotFound AmbiguousKey MixedKeySet KeySetUnavailable",
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

    // ---- Empty ----

    [Fact]
    public void Empty_for_a_null_token()
    {
        AssertRefused(JwtErrorCode.Empty, null);
    }

    [Fact]
    public void Empty_for_an_empty_token()
    {
        AssertRefused(JwtErrorCode.Empty, string.Empty);
    }

    [Fact]
    public void Empty_for_an_empty_utf8_token()
    {
        Assert.False(Jwt.TryDecode(ReadOnlySpan<byte>.Empty, Key, Default, out _, out JwtError error));
        Assert.Equal(JwtErrorCode.Empty, error.Code);
    }

    // ---- TokenTooLarge ----

    [Fact]
    public void TokenTooLarge_one_character_over_the_default_limit()
    {
        AssertRefused(JwtErrorCode.TokenTooLarge, new string('A', JwsValidationOptions.DefaultMaxTokenLength + 1));
    }

    [Fact]
    public void TokenTooLarge_is_checked_before_the_characters()
    {
        AssertRefused(JwtErrorCode.TokenTooLarge, new string('!', JwsValidationOptions.DefaultMaxTokenLength + 1));
    }

    [Fact]
    public void TokenTooLarge_at_a_configured_limit_one_character_short()
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = token.Length - 1, TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.TokenTooLarge, token, options);
    }

    [Fact]
    public void Token_exactly_at_the_configured_limit_is_accepted()
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = token.Length, TimeProvider = Default.TimeProvider };
        Assert.True(Jwt.TryDecode(token, Key, options, out _, out JwtError error), error.ToString());
    }

    // ---- Malformed ----

    [Theory]
    [InlineData("eyJhbGciOiJIUzI1NiJ9")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.AAAA.AAAA")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.AAAA.")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData(".e30.AAAA")]
    public void Malformed_when_not_three_segments_or_an_empty_header(string token)
    {
        AssertRefused(JwtErrorCode.Malformed, token);
    }

    [Theory]
    [InlineData('+')]
    [InlineData('/')]
    [InlineData('=')]
    [InlineData(' ')]
    [InlineData('\n')]
    [InlineData('\0')]
    [InlineData('é')]
    [InlineData('\u0141')]
    public void Malformed_for_a_character_outside_the_Base64Url_alphabet(char bad)
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        int position = token.IndexOf('.') + 2;
        AssertRefused(JwtErrorCode.Malformed, token[..position] + bad + token[position..]);
    }

    [Fact]
    public void Malformed_for_padding_at_the_end_of_the_signature()
    {
        AssertRefused(JwtErrorCode.Malformed, WithPayload(Tokens.FarFuturePayload) + "=");
    }

    // ---- InvalidBase64Url ----

    [Fact]
    public void InvalidBase64Url_header_length_leaves_one_character_over()
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.InvalidBase64Url, "header", "A" + token);
    }

    [Fact]
    public void InvalidBase64Url_header_with_non_canonical_trailing_bits()
    {
        string header = Tokens.B64("{\"alg\":\"HS256\"} "); // 16 bytes: 22 characters, 4 unused bits
        AssertRefused(JwtErrorCode.InvalidBase64Url, "header", Tokens.CraftEncoded(Key, NonCanonical(header), Tokens.B64(Tokens.FarFuturePayload)));
    }

    [Fact]
    public void InvalidBase64Url_payload_with_non_canonical_trailing_bits_under_a_valid_signature()
    {
        string payload = Tokens.B64("{\"exp\":9999999999} "); // 19 bytes: 26 characters, 4 unused bits
        AssertRefused(JwtErrorCode.InvalidBase64Url, "payload", Tokens.CraftEncoded(Key, Tokens.B64(Tokens.Hs256Header), NonCanonical(payload)));
    }

    [Fact]
    public void InvalidBase64Url_payload_length_leaves_one_character_over_under_a_valid_signature()
    {
        string payload = Tokens.B64("{\"exp\":9999999999}") + "A";
        AssertRefused(JwtErrorCode.InvalidBase64Url, "payload", Tokens.CraftEncoded(Key, Tokens.B64(Tokens.Hs256Header), payload));
    }

    [Fact]
    public void InvalidBase64Url_signature_with_non_canonical_trailing_bits()
    {
        // 32 bytes: 43 characters whose last 2 bits are unused.
        string token = WithPayload(Tokens.FarFuturePayload);
        int dot = token.LastIndexOf('.');
        AssertRefused(JwtErrorCode.InvalidBase64Url, "signature", token[..(dot + 1)] + NonCanonical(token[(dot + 1)..]));
    }

    // ---- InvalidJson ----

    [Theory]
    [InlineData("[\"alg\",\"HS256\"]")]
    [InlineData("\"HS256\"")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("{\"alg\":\"HS256\"")]
    [InlineData("{\"alg\":\"HS256\",}")]
    [InlineData("{'alg':'HS256'}")]
    [InlineData("{\"alg\":\"HS256\"/**/}")]
    [InlineData("{\"alg\":\"HS256\"}x")]
    [InlineData("{\"alg\":\"HS256\"}{}")]
    [InlineData("{\"alg\":\"HS256\",\"x\":NaN}")]
    [InlineData(" ")]
    public void InvalidJson_header_not_one_well_formed_object(string headerJson)
    {
        AssertRefused(JwtErrorCode.InvalidJson, "header", WithHeader(headerJson));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"sub\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"exp\":9999999999")]
    [InlineData("{\"exp\":9999999999,}")]
    [InlineData("{\"exp\":9999999999}x")]
    [InlineData("{\"exp\":9999999999} {}")]
    [InlineData("{\"exp\":9999999999,\"x\":undefined}")]
    [InlineData("{\"exp\":09999999999}")]
    public void InvalidJson_payload_not_one_well_formed_object(string payloadJson)
    {
        AssertRefused(JwtErrorCode.InvalidJson, "payload", WithPayload(payloadJson));
    }

    [Fact]
    public void InvalidJson_header_not_UTF8()
    {
        byte[] header = [.. "{\"alg\":\"HS256\",\"kid\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        AssertRefused(JwtErrorCode.InvalidJson, "header", Tokens.Craft(Key, header, Encoding.UTF8.GetBytes(Tokens.FarFuturePayload)));
    }

    [Fact]
    public void InvalidJson_payload_not_UTF8()
    {
        byte[] payload = [.. "{\"exp\":9999999999,\"x\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]; // an encoded surrogate
        AssertRefused(JwtErrorCode.InvalidJson, "payload", Tokens.Craft(Key, Encoding.UTF8.GetBytes(Tokens.Hs256Header), payload));
    }

    [Fact]
    public void InvalidJson_header_with_a_byte_order_mark()
    {
        byte[] header = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Tokens.Hs256Header)];
        AssertRefused(JwtErrorCode.InvalidJson, "header", Tokens.Craft(Key, header, Encoding.UTF8.GetBytes(Tokens.FarFuturePayload)));
    }

    [Fact]
    public void InvalidJson_payload_with_a_byte_order_mark()
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Tokens.FarFuturePayload)];
        AssertRefused(JwtErrorCode.InvalidJson, "payload", Tokens.Craft(Key, Encoding.UTF8.GetBytes(Tokens.Hs256Header), payload));
    }

    [Fact]
    public void InvalidJson_header_nested_deeper_than_MaxJsonDepth()
    {
        string deep = new string('[', 16) + new string(']', 16);
        AssertRefused(JwtErrorCode.InvalidJson, "header", WithHeader("{\"alg\":\"HS256\",\"x\":" + deep + "}"));
    }

    [Fact]
    public void InvalidJson_payload_nested_deeper_than_MaxJsonDepth()
    {
        // The root object is one level; 16 arrays inside it make 17.
        string deep = new string('[', 16) + new string(']', 16);
        AssertRefused(JwtErrorCode.InvalidJson, "payload", WithPayload("{\"exp\":9999999999,\"x\":" + deep + "}"));
    }

    [Fact]
    public void Payload_nested_exactly_MaxJsonDepth_is_accepted()
    {
        string deep = new string('[', 15) + new string(']', 15);
        Assert.True(Jwt.TryDecode(WithPayload("{\"exp\":9999999999,\"x\":" + deep + "}"), Key, Default, out _, out JwtError error), error.ToString());
    }

    [Fact]
    public void InvalidJson_payload_nested_deeper_than_a_configured_MaxJsonDepth()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = 2, TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidJson, "payload", WithPayload("{\"exp\":9999999999,\"x\":[[1]]}"), options);
    }

    [Fact]
    public void InvalidJson_header_kid_with_a_lone_surrogate_escape()
    {
        AssertRefused(JwtErrorCode.InvalidJson, "header", WithHeader("{\"alg\":\"HS256\",\"kid\":\"\\uD800\"}"));
    }

    [Fact]
    public void InvalidJson_header_member_name_with_a_lone_surrogate_escape()
    {
        AssertRefused(JwtErrorCode.InvalidJson, "header", WithHeader("{\"alg\":\"HS256\",\"\\uDC00x\":1}"));
    }

    [Fact]
    public void InvalidJson_header_alg_with_a_lone_surrogate_escape()
    {
        AssertRefused(JwtErrorCode.InvalidJson, "header", WithHeader("{\"alg\":\"HS256\\uD800\"}"));
    }

    [Fact]
    public void InvalidJson_payload_member_name_with_a_lone_surrogate_escape()
    {
        AssertRefused(JwtErrorCode.InvalidJson, "payload", WithPayload("{\"exp\":9999999999,\"\\uD800\":1}"));
    }

    [Theory]
    [InlineData("sub", "\"\\uD800\"")]
    [InlineData("jti", "\"x\\uDC00\"")]
    [InlineData("iss", "\"\\uD800\"")]
    [InlineData("aud", "\"\\uD800\"")]
    [InlineData("aud", "[\"ok\",\"\\uD800\"]")]
    public void InvalidJson_registered_string_claim_with_a_lone_surrogate_escape(string claim, string value)
    {
        // With no audience or issuer configured, so that nothing but the readability check looks at the value.
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidJson, "payload", WithPayload("{\"exp\":9999999999,\"" + claim + "\":" + value + "}"), options);
    }

    [Fact]
    public void Registered_string_claim_with_an_escaped_surrogate_pair_is_accepted()
    {
        JwtToken token = Jwt.Decode(WithPayload("{\"exp\":9999999999,\"sub\":\"\\uD83D\\uDE00\"}"), Key, Default);
        Assert.Equal("\U0001F600", token.Subject);
    }

    // ---- DuplicateMember ----

    [Fact]
    public void DuplicateMember_in_the_header()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "header", WithHeader("{\"alg\":\"HS256\",\"alg\":\"HS256\"}"));
    }

    [Fact]
    public void DuplicateMember_in_the_header_written_with_an_escape()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "header", WithHeader("{\"alg\":\"HS256\",\"\\u0061lg\":\"HS256\"}"));
    }

    [Fact]
    public void DuplicateMember_in_the_header_other_than_alg()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "header", WithHeader("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"typ\":\"JWT\"}"));
    }

    [Fact]
    public void DuplicateMember_in_the_payload()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "payload", WithPayload("{\"sub\":\"a\",\"exp\":9999999999,\"sub\":\"b\"}"));
    }

    [Fact]
    public void DuplicateMember_in_the_payload_written_with_an_escape()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "payload", WithPayload("{\"exp\":9999999999,\"\\u0065xp\":9999999999}"));
    }

    [Theory]
    [InlineData("{\"exp\":9999999999,\"o\":{\"role\":\"user\",\"role\":\"admin\"}}")]
    [InlineData("{\"exp\":9999999999,\"o\":{\"a\":{\"x\":1,\"\\u0078\":2}}}")]
    [InlineData("{\"exp\":9999999999,\"list\":[1,{\"x\":1,\"x\":2}]}")]
    [InlineData("{\"exp\":9999999999,\"list\":[[{\"y\":{\"x\":1,\"x\":2}}]]}")]
    public void DuplicateMember_in_a_nested_payload_object(string payloadJson)
    {
        // Readers of nested claims (TryGetClaim, Deserialize) would take the last value: refused like the top level.
        AssertRefused(JwtErrorCode.DuplicateMember, "payload", WithPayload(payloadJson));
    }

    [Fact]
    public void DuplicateMember_in_a_nested_header_object()
    {
        AssertRefused(JwtErrorCode.DuplicateMember, "header", WithHeader("{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"kty\":\"RSA\"}}"));
    }

    [Fact]
    public void Same_name_in_sibling_and_parent_objects_is_not_a_duplicate()
    {
        string token = WithPayload("{\"exp\":9999999999,\"x\":{\"x\":{\"x\":1}},\"y\":[{\"x\":1},{\"x\":2}]}");
        Assert.True(Jwt.TryDecode(token, Key, Default, out _, out JwtError error), error.ToString());
    }

    [Fact]
    public void DuplicateMember_in_a_payload_of_many_members()
    {
        // More than 16 names: the set compares hashes rather than every pair.
        var json = new StringBuilder("{\"exp\":9999999999");
        for (int i = 0; i < 40; i++)
        {
            json.Append(",\"c").Append(i).Append("\":").Append(i);
        }

        json.Append(",\"c17\":0}");
        AssertRefused(JwtErrorCode.DuplicateMember, "payload", WithPayload(json.ToString()));
    }

    [Fact]
    public void Payload_of_many_distinct_members_is_accepted()
    {
        var json = new StringBuilder("{\"exp\":9999999999");
        for (int i = 0; i < 200; i++)
        {
            json.Append(",\"c").Append(i).Append("\":").Append(i);
        }

        json.Append('}');
        Assert.True(Jwt.TryDecode(WithPayload(json.ToString()), Key, Default, out _, out JwtError error), error.ToString());
    }

    // ---- MissingAlgorithm ----

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":null}")]
    [InlineData("{\"alg\":256}")]
    [InlineData("{\"alg\":true}")]
    [InlineData("{\"alg\":[\"HS256\"]}")]
    [InlineData("{\"alg\":{\"name\":\"HS256\"}}")]
    [InlineData("{\"ALG\":\"HS256\"}")]
    public void MissingAlgorithm_when_alg_is_absent_or_not_a_string(string headerJson)
    {
        AssertRefused(JwtErrorCode.MissingAlgorithm, "alg", WithHeader(headerJson));
    }

    // ---- AlgorithmNotAllowed ----

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    [InlineData("hs256")]
    [InlineData("Hs256")]
    [InlineData("HS256 ")]
    [InlineData(" HS256")]
    [InlineData("HS256\\u0000")]
    [InlineData("")]
    [InlineData("HS1")]
    [InlineData("EdDSA")]
    public void AlgorithmNotAllowed_for_none_and_anything_but_an_exact_name(string alg)
    {
        AssertRefused(JwtErrorCode.AlgorithmNotAllowed, "alg", WithHeader("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}"));
    }

    [Fact]
    public void AlgorithmNotAllowed_for_none_with_an_empty_signature()
    {
        string token = Tokens.B64("{\"alg\":\"none\"}") + "." + Tokens.B64(Tokens.FarFuturePayload) + ".";
        AssertRefused(JwtErrorCode.AlgorithmNotAllowed, "alg", token);
    }

    [Fact]
    public void AlgorithmNotAllowed_for_a_known_algorithm_not_in_the_list()
    {
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64));
        AssertRefused(JwtErrorCode.AlgorithmNotAllowed, "alg", token);
    }

    [Fact]
    public void AlgorithmNotAllowed_even_when_the_key_matches_the_token()
    {
        // The allow-list is the caller's, not the key's: an HS384 key does not widen an HS256-only list.
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64);
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), key);
        AssertRefused(JwtErrorCode.AlgorithmNotAllowed, token, Default, key);
    }

    [Fact]
    public void Escaped_alg_name_is_read_unescaped()
    {
        string token = WithHeader("{\"alg\":\"HS\\u0032\\u0035\\u0036\"}");
        Assert.True(Jwt.TryDecode(token, Key, Default, out JwtToken decoded, out JwtError error), error.ToString());
        Assert.Equal(JwtAlgorithm.HS256, decoded.Header.Algorithm);
    }

    // ---- KeyAlgorithmMismatch ----

    [Fact]
    public void KeyAlgorithmMismatch_HS256_key_for_an_allowed_HS384_token()
    {
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), JwtKey.FromSecret(JwtAlgorithm.HS384, TestKeys.Secret64));
        var options = new JwtValidationOptions(JwtAlgorithm.HS256, JwtAlgorithm.HS384) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.KeyAlgorithmMismatch, "alg", token, options);
    }

    [Fact]
    public void KeyAlgorithmMismatch_RSA_key_for_an_allowed_HS256_token()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.RS256, JwtAlgorithm.HS256) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.KeyAlgorithmMismatch, WithPayload(Tokens.FarFuturePayload), options, JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa).ToPublicKey());
    }

    // ---- UnsupportedCritical ----

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[\"b64\"],\"b64\":true}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":[]}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":\"x\"}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":null}")]
    [InlineData("{\"alg\":\"HS256\",\"crit\":{}}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":false}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":\"false\"}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":0}")]
    [InlineData("{\"alg\":\"HS256\",\"b64\":null}")]
    [InlineData("{\"alg\":\"HS256\",\"\\u0063rit\":[\"x\"]}")]
    public void UnsupportedCritical_for_crit_in_any_form_and_b64_other_than_true(string headerJson)
    {
        // The error names the first parameter that asks for what MiniJwt does not implement: crit, or b64 other than true.
        AssertRefused(JwtErrorCode.UnsupportedCritical, headerJson.Contains("\"b64\":true", StringComparison.Ordinal) || !headerJson.Contains("b64\":", StringComparison.Ordinal) ? "crit" : "b64", WithHeader(headerJson));
    }

    [Fact]
    public void B64_true_without_crit_is_accepted()
    {
        Assert.True(Jwt.TryDecode(WithHeader("{\"alg\":\"HS256\",\"b64\":true}"), Key, Default, out _, out JwtError error), error.ToString());
    }

    // ---- InvalidHeader ----

    [Theory]
    [InlineData("{\"alg\":\"HS256\",\"kid\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":null}")]
    [InlineData("{\"alg\":\"HS256\",\"kid\":[\"a\"]}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":1}")]
    [InlineData("{\"alg\":\"HS256\",\"typ\":{}}")]
    [InlineData("{\"alg\":\"HS256\",\"cty\":true}")]
    public void InvalidHeader_when_kid_typ_or_cty_is_not_a_string(string headerJson)
    {
        AssertRefused(JwtErrorCode.InvalidHeader, WithHeader(headerJson));
    }

    [Fact]
    public void Header_keys_and_urls_are_ignored_not_refused()
    {
        string token = WithHeader("{\"alg\":\"HS256\",\"jku\":\"https://attacker.example/keys\",\"x5u\":\"https://attacker.example/cert\",\"x5c\":[\"AAAA\"],\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}}");
        Assert.True(Jwt.TryDecode(token, Key, Default, out _, out JwtError error), error.ToString());
    }

    // ---- InvalidSignature ----

    [Fact]
    public void InvalidSignature_with_another_secret()
    {
        string token = Tokens.Craft(JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret48), Tokens.Hs256Header, Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.InvalidSignature, token);
    }

    [Fact]
    public void InvalidSignature_with_a_changed_signature()
    {
        AssertRefused(JwtErrorCode.InvalidSignature, Tokens.TamperSignature(WithPayload(Tokens.FarFuturePayload)));
    }

    [Fact]
    public void InvalidSignature_with_a_changed_payload()
    {
        string token = WithPayload("{\"sub\":\"42\",\"exp\":9999999999}");
        string[] parts = token.Split('.');
        AssertRefused(JwtErrorCode.InvalidSignature, parts[0] + "." + Tokens.B64("{\"sub\":\"43\",\"exp\":9999999999}") + "." + parts[2]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(42)]
    public void InvalidSignature_when_truncated(int removed)
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.InvalidSignature, token[..^removed]);
    }

    [Fact]
    public void InvalidSignature_when_stripped()
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.InvalidSignature, token[..(token.LastIndexOf('.') + 1)]);
    }

    [Fact]
    public void InvalidSignature_when_lengthened()
    {
        string token = WithPayload(Tokens.FarFuturePayload);
        AssertRefused(JwtErrorCode.InvalidSignature, token + "AAAA");
    }

    [Fact]
    public void InvalidSignature_for_an_HMAC_of_the_right_value_but_another_hash()
    {
        // The HS512 MAC of the same input is 64 bytes; HS256 expects exactly 32.
        string input = Tokens.B64(Tokens.Hs256Header) + "." + Tokens.B64(Tokens.FarFuturePayload);
        string token = input + "." + JwtBase64Url.EncodeToString(HMACSHA512.HashData(Encoding.ASCII.GetBytes(TestKeys.Secret64), Encoding.ASCII.GetBytes(input)));
        AssertRefused(JwtErrorCode.InvalidSignature, token);
    }

    [Fact]
    public void InvalidSignature_for_an_ES256_signature_in_DER_form()
    {
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JwtKey key = JwtKey.FromECDsa(JwtAlgorithm.ES256, ecdsa);
        string input = Tokens.B64("{\"alg\":\"ES256\"}") + "." + Tokens.B64(Tokens.FarFuturePayload);
        byte[] der = ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var options = new JwtValidationOptions(JwtAlgorithm.ES256) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidSignature, input + "." + JwtBase64Url.EncodeToString(der), options, key);
    }

    [Theory]
    [InlineData(JwtAlgorithm.ES256)]
    [InlineData(JwtAlgorithm.ES384)]
    [InlineData(JwtAlgorithm.ES512)]
    public void InvalidSignature_for_an_all_zero_ECDSA_signature(JwtAlgorithm algorithm)
    {
        // r = s = 0 must never verify (CVE-2022-21449, "psychic signatures").
        JwtKey key = TestKeys.For(algorithm);
        string input = Tokens.B64("{\"alg\":\"" + JwtAlgorithms.GetName(algorithm) + "\"}") + "." + Tokens.B64(Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(algorithm) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidSignature, input + "." + JwtBase64Url.EncodeToString(new byte[key.SignatureSize]), options, key);
    }

    [Fact]
    public void InvalidSignature_for_an_all_zero_RSA_signature()
    {
        JwtKey key = JwtKey.FromRsa(JwtAlgorithm.RS256, TestKeys.Rsa);
        string input = Tokens.B64("{\"alg\":\"RS256\"}") + "." + Tokens.B64(Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(JwtAlgorithm.RS256) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidSignature, input + "." + JwtBase64Url.EncodeToString(new byte[256]), options, key);
    }

    [Fact]
    public void InvalidSignature_when_the_header_embeds_the_signing_key_as_jwk()
    {
        // The attacker signs with their own key and offers it in the header; MiniJwt never uses it.
        using ECDsa attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters p = attacker.ExportParameters(false);
        string header = "{\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + JwtBase64Url.EncodeToString(p.Q.X)
            + "\",\"y\":\"" + JwtBase64Url.EncodeToString(p.Q.Y) + "\"}}";
        string token = Tokens.Craft(JwtKey.FromECDsa(JwtAlgorithm.ES256, attacker), header, Tokens.FarFuturePayload);
        var options = new JwtValidationOptions(JwtAlgorithm.ES256) { TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidSignature, token, options, TestKeys.For(JwtAlgorithm.ES256).ToPublicKey());
    }

    // ---- Expired, NotYetValid, IssuedInFuture (boundaries in JwtTimeTests) ----

    [Fact]
    public void Expired_when_exp_is_in_the_past()
    {
        AssertRefused(JwtErrorCode.Expired, "exp", WithPayload("{\"exp\":" + (Now - 1) + "}"));
    }

    [Fact]
    public void NotYetValid_when_nbf_is_in_the_future()
    {
        AssertRefused(JwtErrorCode.NotYetValid, "nbf", WithPayload("{\"exp\":9999999999,\"nbf\":" + (Now + 1) + "}"));
    }

    [Fact]
    public void IssuedInFuture_when_iat_is_in_the_future()
    {
        AssertRefused(JwtErrorCode.IssuedInFuture, "iat", WithPayload("{\"exp\":9999999999,\"iat\":" + (Now + 1) + "}"));
    }

    // ---- MissingClaim ----

    [Fact]
    public void MissingClaim_exp_by_default()
    {
        AssertRefused(JwtErrorCode.MissingClaim, "exp", WithPayload("{\"sub\":\"42\"}"));
    }

    [Fact]
    public void No_exp_is_accepted_when_not_required()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequireExpiration = false };
        Assert.True(Jwt.TryDecode(WithPayload("{\"sub\":\"42\"}"), Key, options, out JwtToken token, out JwtError error), error.ToString());
        Assert.Null(token.ExpiresAt);
    }

    [Fact]
    public void MissingClaim_aud_when_audiences_are_configured()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"], TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.MissingClaim, "aud", WithPayload(Tokens.FarFuturePayload), options);
    }

    [Fact]
    public void MissingClaim_iss_when_issuers_are_configured()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Issuers = ["https://issuer.example"], TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.MissingClaim, "iss", WithPayload(Tokens.FarFuturePayload), options);
    }

    [Fact]
    public void MissingClaim_custom_required_claim()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = ["sub", "role"], TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.MissingClaim, "role", WithPayload(Tokens.FarFuturePayload), options);
    }

    [Fact]
    public void MissingClaim_custom_required_claim_that_is_null()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = ["role"], TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.MissingClaim, "role", WithPayload("{\"exp\":9999999999,\"role\":null}"), options);
    }

    [Fact]
    public void MissingClaim_custom_required_claim_present_only_in_a_nested_object()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = ["role"], TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.MissingClaim, "role", WithPayload("{\"exp\":9999999999,\"x\":{\"role\":\"admin\"}}"), options);
    }

    [Fact]
    public void Custom_required_claims_of_any_non_null_value_are_accepted()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = ["a", "b", "c", "d", "e"], TimeProvider = Default.TimeProvider };
        string token = WithPayload("{\"exp\":9999999999,\"a\":\"\",\"b\":0,\"c\":false,\"d\":[],\"e\":{}}");
        Assert.True(Jwt.TryDecode(token, Key, options, out _, out JwtError error), error.ToString());
    }

    // ---- InvalidAudience ----

    private static JwtValidationOptions WithAudiences(params string[] audiences) =>
        new(JwtAlgorithm.HS256) { Audiences = audiences, TimeProvider = Default.TimeProvider };

    [Fact]
    public void InvalidAudience_string_mismatch()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":\"other\"}"), WithAudiences("api"));
    }

    [Fact]
    public void InvalidAudience_array_mismatch()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":[\"a\",\"b\"]}"), WithAudiences("api", "web"));
    }

    [Fact]
    public void InvalidAudience_differs_only_in_case()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":\"API\"}"), WithAudiences("api"));
    }

    [Fact]
    public void InvalidAudience_is_not_a_prefix_match()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":\"api-extra\"}"), WithAudiences("api"));
    }

    [Fact]
    public void InvalidAudience_empty_array()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":[]}"), WithAudiences("api"));
    }

    [Fact]
    public void InvalidAudience_aud_present_when_none_is_configured()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":\"api\"}"));
    }

    [Fact]
    public void InvalidAudience_empty_aud_array_present_when_none_is_configured()
    {
        AssertRefused(JwtErrorCode.InvalidAudience, "aud", WithPayload("{\"exp\":9999999999,\"aud\":[]}"));
    }

    [Fact]
    public void Aud_is_ignored_when_audience_validation_is_off()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, TimeProvider = Default.TimeProvider };
        Assert.True(Jwt.TryDecode(WithPayload("{\"exp\":9999999999,\"aud\":\"other\"}"), Key, options, out _, out JwtError error), error.ToString());
        Assert.True(Jwt.TryDecode(WithPayload(Tokens.FarFuturePayload), Key, options, out _, out error), error.ToString());
    }

    [Theory]
    [InlineData("\"api\"")]
    [InlineData("[\"api\"]")]
    [InlineData("[\"x\",\"api\"]")]
    [InlineData("[\"web\",\"x\"]")]
    [InlineData("\"\\u0061pi\"")]
    public void Aud_matching_any_configured_audience_is_accepted(string aud)
    {
        string token = WithPayload("{\"exp\":9999999999,\"aud\":" + aud + "}");
        Assert.True(Jwt.TryDecode(token, Key, WithAudiences("api", "web"), out _, out JwtError error), error.ToString());
    }

    // ---- InvalidIssuer ----

    private static JwtValidationOptions WithIssuers(params string[] issuers) =>
        new(JwtAlgorithm.HS256) { Issuers = issuers, TimeProvider = Default.TimeProvider };

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://ISSUER.example")]
    [InlineData("https://issuer.example/")]
    [InlineData("")]
    public void InvalidIssuer_when_iss_is_not_exactly_a_configured_issuer(string iss)
    {
        AssertRefused(JwtErrorCode.InvalidIssuer, "iss", WithPayload("{\"exp\":9999999999,\"iss\":\"" + iss + "\"}"), WithIssuers("https://issuer.example"));
    }

    [Fact]
    public void Iss_matching_a_configured_issuer_is_accepted()
    {
        string token = WithPayload("{\"exp\":9999999999,\"iss\":\"b\"}");
        Assert.True(Jwt.TryDecode(token, Key, WithIssuers("a", "b"), out JwtToken decoded, out JwtError error), error.ToString());
        Assert.Equal("b", decoded.Issuer);
    }

    // ---- InvalidClaimType ----

    [Theory]
    [InlineData("exp", "\"9999999999\"")]
    [InlineData("exp", "true")]
    [InlineData("exp", "null")]
    [InlineData("exp", "[9999999999]")]
    [InlineData("exp", "{}")]
    [InlineData("exp", "1e400")]
    [InlineData("exp", "-1e400")]
    [InlineData("nbf", "\"0\"")]
    [InlineData("nbf", "null")]
    [InlineData("iat", "false")]
    [InlineData("iat", "1e400")]
    [InlineData("aud", "1")]
    [InlineData("aud", "[\"api\",1]")]
    [InlineData("aud", "[\"api\",null]")]
    [InlineData("aud", "[[\"api\"]]")]
    [InlineData("aud", "{\"0\":\"api\"}")]
    [InlineData("aud", "null")]
    [InlineData("aud", "true")]
    [InlineData("iss", "1")]
    [InlineData("iss", "null")]
    [InlineData("iss", "[\"a\"]")]
    [InlineData("sub", "42")]
    [InlineData("sub", "null")]
    [InlineData("sub", "{}")]
    [InlineData("jti", "1")]
    [InlineData("jti", "[]")]
    public void InvalidClaimType_for_a_registered_claim_of_the_wrong_JSON_type(string claim, string value)
    {
        string payload = claim == "exp"
            ? "{\"exp\":" + value + "}"
            : "{\"exp\":9999999999,\"" + claim + "\":" + value + "}";
        AssertRefused(JwtErrorCode.InvalidClaimType, claim, WithPayload(payload));
    }

    [Fact]
    public void InvalidClaimType_for_aud_even_when_audience_validation_is_off()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, TimeProvider = Default.TimeProvider };
        AssertRefused(JwtErrorCode.InvalidClaimType, "aud", WithPayload("{\"exp\":9999999999,\"aud\":1}"), options);
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

    // ---- The JWS level reports the same codes for steps 1 to 6 ----

    [Fact]
    public void Jws_Verify_throws_JwtException_with_the_code()
    {
        JwtException exception = Assert.Throws<JwtException>(() =>
            Jws.Verify(Tokens.TamperSignature(WithPayload(Tokens.FarFuturePayload)), Key, new JwsValidationOptions(JwtAlgorithm.HS256)));
        Assert.Equal(JwtErrorCode.InvalidSignature, exception.Code);
    }

    [Fact]
    public void Jws_level_does_not_read_claims()
    {
        // An expired token with a non-JSON-object payload is a valid JWS.
        string token = WithPayload("[\"exp\",1]");
        Assert.True(Jws.TryVerify(token, Key, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error), error.ToString());
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
