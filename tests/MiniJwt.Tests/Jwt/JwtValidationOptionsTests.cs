using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>Tests of <c>JwtValidationOptions</c>, grouped by the suite they came from.</summary>
public class JwtValidationOptionsTests
{
    public class ClaimsAndToken
    {
        private static readonly JwtKey Key = TestKeys.Hs256;

        private static readonly JwtValidationOptions Options = new(JwtAlgorithm.HS256) { ValidateAudience = false };

        private static string Json(JwtClaims claims) => Encoding.UTF8.GetString(claims.ToJson());

        private static JwtToken DecodePayload(string payloadJson, JwtValidationOptions? options = null) =>
            Jwt.Decode(Tokens.Craft(Key, Tokens.Hs256Header, payloadJson), Key, options ?? Options);

        // ---- Validation options: argument checks and defaults ----

        [Fact]
        public void Options_refuse_an_empty_algorithm_list()
        {
            Assert.Throws<ArgumentException>("algorithms", () => new JwtValidationOptions());
            Assert.Throws<ArgumentException>("algorithms", () => new JwsValidationOptions(Array.Empty<JwtAlgorithm>()));
            Assert.Throws<ArgumentException>("algorithms", () => new JwtValidationOptions(new List<JwtAlgorithm>()));
        }

        [Fact]
        public void Options_refuse_a_null_algorithm_list()
        {
            Assert.Throws<ArgumentNullException>("algorithms", () => new JwtValidationOptions((JwtAlgorithm[])null!));
            Assert.Throws<ArgumentNullException>("algorithms", () => new JwsValidationOptions((IReadOnlyCollection<JwtAlgorithm>)null!));
        }

        [Theory]
        [InlineData(0)]
        [InlineData(13)]
        public void Options_refuse_an_undefined_algorithm(int value)
        {
            Assert.Throws<ArgumentException>("algorithms", () => new JwtValidationOptions(JwtAlgorithm.HS256, (JwtAlgorithm)value));
        }

        [Fact]
        public void Options_keep_each_algorithm_once_in_order()
        {
            var options = new JwsValidationOptions(JwtAlgorithm.RS256, JwtAlgorithm.HS256, JwtAlgorithm.RS256);
            Assert.Equal([JwtAlgorithm.RS256, JwtAlgorithm.HS256], options.Algorithms);
        }

        [Fact]
        public void Options_copy_the_algorithm_list()
        {
            JwtAlgorithm[] list = [JwtAlgorithm.HS256];
            var options = new JwtValidationOptions(list);
            list[0] = JwtAlgorithm.HS512;
            Assert.Equal([JwtAlgorithm.HS256], options.Algorithms);
            string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), JwtKey.FromSecret(JwtAlgorithm.HS512, TestKeys.Secret64));
            Assert.False(Jwt.TryDecode(token, JwtKey.FromSecret(JwtAlgorithm.HS512, TestKeys.Secret64), options, out _, out JwtError error));
            Assert.Equal(JwtErrorCode.AlgorithmNotAllowed, error.Code);
        }

        [Fact]
        public void Options_refuse_an_empty_audience_list()
        {
            Assert.Throws<ArgumentException>("Audiences", () => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = [] });
        }

        [Fact]
        public void Options_refuse_a_null_audience()
        {
            Assert.Throws<ArgumentException>("Audiences", () => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["a", null!] });
        }

        [Fact]
        public void Options_refuse_an_empty_issuer_list()
        {
            Assert.Throws<ArgumentException>("Issuers", () => new JwtValidationOptions(JwtAlgorithm.HS256) { Issuers = [] });
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        public void Options_refuse_a_null_or_empty_required_claim(string? name)
        {
            Assert.Throws<ArgumentException>("RequiredClaims", () => new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = ["a", name!] });
        }

        [Fact]
        public void Options_accept_64_required_claims_but_not_65()
        {
            string[] names = new string[65];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = "c" + i;
            }

            Assert.Equal(64, new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = names[..64] }.RequiredClaims.Count);
            Assert.Throws<ArgumentException>("RequiredClaims", () => new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = names });
        }

        [Fact]
        public void Options_the_64th_required_claim_is_enforced()
        {
            string[] names = new string[64];
            var payload = new StringBuilder("{\"exp\":9999999999");
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = "c" + i;
                if (i != 63)
                {
                    payload.Append(",\"c").Append(i).Append("\":1");
                }
            }

            var options = new JwtValidationOptions(JwtAlgorithm.HS256) { RequiredClaims = names };
            string token = Tokens.Craft(Key, Tokens.Hs256Header, payload.Append('}').ToString());
            Assert.False(Jwt.TryDecode(token, Key, options, out _, out JwtError error));
            Assert.Equal(new JwtError(JwtErrorCode.MissingClaim, "payload", "c63"), error);
        }

        [Fact]
        public void Options_copy_the_audience_list()
        {
            string[] audiences = ["api"];
            var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = audiences };
            audiences[0] = "other";
            Assert.Equal(["api"], options.Audiences);
            Assert.Equal("api", DecodePayload("{\"exp\":9999999999,\"aud\":\"api\"}", options).Audiences[0]);
        }

        [Theory]
        [InlineData(15)]
        [InlineData(16 * 1024 * 1024 + 1)]
        public void Options_refuse_a_MaxTokenLength_out_of_range(int value)
        {
            Assert.Throws<ArgumentOutOfRangeException>("value", () => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxTokenLength = value });
        }

        [Theory]
        [InlineData(0)]
        [InlineData(257)]
        public void Options_refuse_a_MaxJsonDepth_out_of_range(int value)
        {
            Assert.Throws<ArgumentOutOfRangeException>("value", () => new JwsValidationOptions(JwtAlgorithm.HS256) { MaxJsonDepth = value });
        }

        [Fact]
        public void Options_defaults_are_strict()
        {
            var options = new JwtValidationOptions(JwtAlgorithm.HS256);
            Assert.Equal(8192, options.MaxTokenLength);
            Assert.Equal(16, options.MaxJsonDepth);
            Assert.True(options.RequireExpiration);
            Assert.True(options.ValidateAudience);
            Assert.Null(options.Audiences);
            Assert.Null(options.Issuers);
            Assert.Empty(options.RequiredClaims);
            Assert.Null(options.Type);
            Assert.Equal(TimeSpan.Zero, options.Leeway);
        }

        [Fact]
        public void Decode_refuses_null_key_or_options()
        {
            string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), Key);
            Assert.Throws<ArgumentNullException>("key", () => Jwt.TryDecode(token, (JwtKey)null!, Options, out _, out _));
            Assert.Throws<ArgumentNullException>("options", () => Jwt.TryDecode(token, Key, null!, out _, out _));
            Assert.Throws<ArgumentNullException>("key", () => Jwt.Decode(token, (JwtKey)null!, Options));
        }
    }

    public class Findings
    {
        [Fact]
        public void Finding08_ValidateAudienceFalseWithAudiences_Throws()
        {
            // ValidateAudience = false used to override the configured audiences silently. Refused in either order.
            Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, Audiences = ["api"] }).ParamName);
            Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"], ValidateAudience = false }).ParamName);
        }

        [Fact]
        public void Finding08_EmptyAudience_Throws()
        {
            Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = [""] }).ParamName);
            Assert.Equal("Audiences", Assert.Throws<ArgumentException>(() => new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api", ""] }).ParamName);
        }

        [Fact]
        public void AudienceOptionsThatAgree_AreAccepted()
        {
            Assert.False(new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false }.ValidateAudience);
            Assert.Equal(["api"], new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"], ValidateAudience = true }.Audiences);
        }
    }
}
