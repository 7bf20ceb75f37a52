using System;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RefusalKit;

namespace MiniJwt.Tests.JwsLayer;

/// <summary>
/// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
/// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
/// and <see cref="Jwt.Decode"/> must report exactly the expected code.
/// </summary>
public class JwsReaderTests
{

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
}
