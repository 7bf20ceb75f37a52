using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>Tests of <c>JwtToken</c>, grouped by the suite they came from.</summary>
public class JwtTokenTests
{
    public class ClaimsAndToken
    {
        private static readonly JwtKey Key = TestKeys.Hs256;

        private static readonly JwtValidationOptions Options = new(JwtAlgorithm.HS256) { ValidateAudience = false };

        private static string Json(JwtClaims claims) => Encoding.UTF8.GetString(claims.ToJson());

        private static JwtToken DecodePayload(string payloadJson, JwtValidationOptions? options = null) =>
            Jwt.Decode(Tokens.Craft(Key, Tokens.Hs256Header, payloadJson), Key, options ?? Options);

        // ---- JwtToken accessors ----

        [Fact]
        public void Token_exposes_sub_iss_and_jti()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"sub\":\"s\",\"iss\":\"i\",\"jti\":\"j\"}");
            Assert.Equal("s", token.Subject);
            Assert.Equal("i", token.Issuer);
            Assert.Equal("j", token.JwtId);
        }

        [Fact]
        public void Token_reports_absent_registered_claims_as_null()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999}");
            Assert.Null(token.Subject);
            Assert.Null(token.Issuer);
            Assert.Null(token.JwtId);
            Assert.Empty(token.Audiences);
        }

        [Fact]
        public void Token_unescapes_string_claims()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"sub\":\"a\\\"b\\u00e9\\/\"}");
            Assert.Equal("a\"bé/", token.Subject);
        }

        [Fact]
        public void Token_finds_a_claim_whose_name_is_escaped_in_the_payload()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"\\u0073ub\":\"s\"}");
            Assert.Equal("s", token.Subject);
        }

        [Fact]
        public void Token_Audiences_from_a_string()
        {
            Assert.Equal(["api"], DecodePayload("{\"exp\":9999999999,\"aud\":\"api\"}").Audiences);
        }

        [Fact]
        public void Token_Audiences_from_an_array_in_order()
        {
            Assert.Equal(["b", "a", "c"], DecodePayload("{\"exp\":9999999999,\"aud\":[\"b\",\"a\",\"c\"]}").Audiences);
        }

        [Fact]
        public void Token_Audiences_from_an_empty_array()
        {
            Assert.Empty(DecodePayload("{\"exp\":9999999999,\"aud\":[]}").Audiences);
        }

        [Fact]
        public void TryGetString_reads_a_string_claim()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"role\":\"admin\"}");
            Assert.True(token.TryGetString("role", out string? role));
            Assert.Equal("admin", role);
        }

        [Theory]
        [InlineData("{\"exp\":9999999999,\"role\":1}")]
        [InlineData("{\"exp\":9999999999,\"role\":null}")]
        [InlineData("{\"exp\":9999999999,\"role\":[\"admin\"]}")]
        [InlineData("{\"exp\":9999999999,\"x\":{\"role\":\"admin\"}}")]
        [InlineData("{\"exp\":9999999999,\"Role\":\"admin\"}")]
        [InlineData("{\"exp\":9999999999}")]
        public void TryGetString_is_false_for_a_non_string_or_absent_claim(string payload)
        {
            Assert.False(DecodePayload(payload).TryGetString("role", out string? role));
            Assert.Null(role);
        }

        [Fact]
        public void A_claim_that_escapes_a_lone_surrogate_makes_the_payload_invalid_json()
        {
            string token = Tokens.Craft(TestKeys.Hs256, "{\"alg\":\"HS256\"}", "{\"exp\":9999999999,\"x\":\"\\uD800\"}");
            Assert.False(Jwt.TryDecode(token, TestKeys.Hs256, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        }

        [Theory]
        [InlineData("0", 0L)]
        [InlineData("-42", -42L)]
        [InlineData("9223372036854775807", long.MaxValue)]
        public void TryGetInt64_reads_an_integer(string json, long expected)
        {
            Assert.True(DecodePayload("{\"exp\":9999999999,\"n\":" + json + "}").TryGetInt64("n", out long value));
            Assert.Equal(expected, value);
        }

        [Theory]
        [InlineData("1.5")]
        [InlineData("9223372036854775808")]
        [InlineData("\"1\"")]
        [InlineData("true")]
        public void TryGetInt64_is_false_for_a_non_integer(string json)
        {
            Assert.False(DecodePayload("{\"exp\":9999999999,\"n\":" + json + "}").TryGetInt64("n", out _));
        }

        [Fact]
        public void TryGetDouble_reads_a_number()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"x\":1.5,\"n\":2}");
            Assert.True(token.TryGetDouble("x", out double x));
            Assert.Equal(1.5, x);
            Assert.True(token.TryGetDouble("n", out double n));
            Assert.Equal(2.0, n);
            Assert.False(token.TryGetDouble("missing", out _));
        }

        [Theory]
        [InlineData("\"1.5\"")]
        [InlineData("1e400")]
        [InlineData("null")]
        public void TryGetDouble_is_false_for_a_string_or_a_non_finite_number(string json)
        {
            Assert.False(DecodePayload("{\"exp\":9999999999,\"x\":" + json + "}").TryGetDouble("x", out _));
        }

        [Fact]
        public void TryGetBoolean_reads_true_and_false()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"t\":true,\"f\":false,\"s\":\"true\"}");
            Assert.True(token.TryGetBoolean("t", out bool t));
            Assert.True(t);
            Assert.True(token.TryGetBoolean("f", out bool f));
            Assert.False(f);
            Assert.False(token.TryGetBoolean("s", out _));
        }

        [Fact]
        public void TryGetRawJson_returns_the_exact_text_of_the_value()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"o\":{\"a\": [1, 2.50]},\"s\":\"q\\\"\",\"n\":1.50}");
            Assert.True(token.TryGetRawJson("o", out string? o));
            Assert.Equal("{\"a\": [1, 2.50]}", o);
            Assert.True(token.TryGetRawJson("s", out string? s));
            Assert.Equal("\"q\\\"\"", s);
            Assert.True(token.TryGetRawJson("n", out string? n));
            Assert.Equal("1.50", n);
            Assert.False(token.TryGetRawJson("missing", out _));
        }

        [Fact]
        public void TryGetClaim_returns_a_standalone_element()
        {
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"o\":{\"a\":[1,2]}}");
            Assert.True(token.TryGetClaim("o", out JsonElement element));
            Assert.Equal(JsonValueKind.Object, element.ValueKind);
            Assert.Equal(2, element.GetProperty("a")[1].GetInt32());
        }

        [Fact]
        public void TryGetClaim_works_on_a_payload_as_deep_as_the_options_allow()
        {
            // MaxJsonDepth may be set up to 256; the accessors must read what validation accepted.
            var options = new JwtValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = 100 };
            string deep = new string('[', 80) + new string(']', 80);
            JwtToken token = DecodePayload("{\"exp\":9999999999,\"sub\":\"s\",\"d\":" + deep + "}", options);
            Assert.Equal("s", token.Subject);
            Assert.True(token.TryGetClaim("sub", out JsonElement sub));
            Assert.Equal("s", sub.GetString());
        }

        [Fact]
        public void Accessors_refuse_a_null_name()
        {
            JwtToken token = DecodePayload(Tokens.FarFuturePayload);
            Assert.Throws<ArgumentNullException>("name", () => token.TryGetString(null!, out _));
            Assert.Throws<ArgumentNullException>("name", () => token.TryGetClaim(null!, out _));
            Assert.Throws<ArgumentNullException>("name", () => token.TryGetInt64(null!, out _));
        }

        [Fact]
        public void GetPayload_returns_the_signed_bytes_exactly()
        {
            const string Payload = "{ \"exp\" : 9999999999 ,\n\"sub\":\"s\" }";
            Assert.Equal(Encoding.UTF8.GetBytes(Payload), DecodePayload(Payload).GetPayload());
        }

        [Fact]
        public void Default_token_is_empty_and_safe_to_read()
        {
            JwtToken token = default;
            Assert.Equal(string.Empty, token.Token);
            Assert.Null(token.Subject);
            Assert.Empty(token.Audiences);
            Assert.Empty(token.GetPayload());
            Assert.Null(token.ExpiresAt);
            Assert.False(token.TryGetString("sub", out _));
            Assert.False(token.TryGetClaim("sub", out _));
        }
    }

    /// <summary>
    /// A string claim that escapes an unpaired surrogate (<c>"\ud800"</c>) is not valid Unicode (RFC 7493 §2.1):
    /// such a payload is refused when encoding, and a token carrying one is refused as invalid JSON.
    /// </summary>
    public class UnpairedSurrogates
    {
        private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"sub":"a\ud800","iss":"\udc00b","jti":"ok","exp":99999999999}""");

        [Fact]
        public void EncodeRefusesAnUnpairedSurrogateEscape()
        {
            var key = JwtKey.FromSecret(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
            Assert.Throws<ArgumentException>(() => Jwt.Encode(Payload, key));
        }

        [Fact]
        public void DecodeRefusesAnUnpairedSurrogateEscapeAsInvalidJson()
        {
            var key = JwtKey.FromSecret(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
            string token = Jws.Sign(Payload, key, "JWT");

            Assert.False(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
            Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        }
    }
}
