using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RefusalKit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>Tests of <c>JwtClaimsReader</c>, grouped by the suite they came from.</summary>
public class JwtClaimsReaderTests
{
    /// <summary>
    /// One test per refusal: each token carries exactly one defect (the signature is valid unless the signature
    /// is the defect), and both <see cref="Jwt.TryDecode(string?, JwtKey, JwtValidationOptions, out JwtToken, out JwtError)"/>
    /// and <see cref="Jwt.Decode"/> must report exactly the expected code.
    /// </summary>
    public class ErrorCodes
    {

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
    }

    /// <summary>
    /// exp, nbf and iat against an injected clock: a token is valid while now &lt; exp + leeway, and once
    /// nbf &lt;= now + leeway and iat &lt;= now + leeway. The clock has millisecond precision.
    /// </summary>
    public class Times
    {
        private const long T = 1_700_000_000;

        private static readonly JwtKey Key = TestKeys.Hs256;

        private static JwtValidationOptions At(double now, int leewaySeconds = 0) => new(JwtAlgorithm.HS256)
        {
            TimeProvider = FakeTimeProvider.AtUnixSeconds(now),
            Leeway = TimeSpan.FromSeconds(leewaySeconds),
        };

        private static string Token(string claimsJson) => Tokens.Craft(Key, Tokens.Hs256Header, "{" + claimsJson + "}");

        private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        private static JwtErrorCode Decode(string token, JwtValidationOptions options)
        {
            Jwt.TryDecode(token, Key, options, out _, out JwtError error);
            return error.Code;
        }

        // ---- exp ----

        [Theory]
        [InlineData(T - 1.0)]
        [InlineData(T - 0.001)]
        public void Exp_is_valid_before_it(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T + 0.0)]
        [InlineData(T + 0.001)]
        [InlineData(T + 1.0)]
        public void Exp_is_expired_at_and_after_it(double now)
        {
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T + 59.0)]
        [InlineData(T + 59.999)]
        public void Exp_with_leeway_is_valid_until_exp_plus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":" + T), At(now, leewaySeconds: 60)));
        }

        [Theory]
        [InlineData(T + 60.0)]
        [InlineData(T + 61.0)]
        public void Exp_with_leeway_is_expired_at_exp_plus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + T), At(now, leewaySeconds: 60)));
        }

        [Theory]
        [InlineData(0.0)]
        [InlineData(-1.0)]
        [InlineData(-62135596800.0)]
        public void Exp_at_or_before_the_epoch_is_expired(double exp)
        {
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + Num(exp)), At(T)));
        }

        // ---- nbf ----

        [Theory]
        [InlineData(T + 0.0)]
        [InlineData(T + 1.0)]
        public void Nbf_is_valid_at_and_after_it(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"nbf\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T - 1.0)]
        [InlineData(T - 0.001)]
        public void Nbf_is_not_yet_valid_before_it(double now)
        {
            Assert.Equal(JwtErrorCode.NotYetValid, Decode(Token("\"exp\":9999999999,\"nbf\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T - 60.0)]
        [InlineData(T - 1.0)]
        public void Nbf_with_leeway_is_valid_from_nbf_minus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"nbf\":" + T), At(now, leewaySeconds: 60)));
        }

        [Theory]
        [InlineData(T - 60.001)]
        [InlineData(T - 61.0)]
        public void Nbf_with_leeway_is_not_yet_valid_before_nbf_minus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.NotYetValid, Decode(Token("\"exp\":9999999999,\"nbf\":" + T), At(now, leewaySeconds: 60)));
        }

        // ---- iat ----

        [Theory]
        [InlineData(T + 0.0)]
        [InlineData(T + 1.0)]
        public void Iat_is_valid_at_and_after_it(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"iat\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T - 1.0)]
        [InlineData(T - 0.001)]
        public void Iat_in_the_future_is_refused(double now)
        {
            Assert.Equal(JwtErrorCode.IssuedInFuture, Decode(Token("\"exp\":9999999999,\"iat\":" + T), At(now)));
        }

        [Theory]
        [InlineData(T - 60.0)]
        [InlineData(T - 30.0)]
        public void Iat_with_leeway_is_valid_from_iat_minus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"iat\":" + T), At(now, leewaySeconds: 60)));
        }

        [Theory]
        [InlineData(T - 60.001)]
        [InlineData(T - 61.0)]
        public void Iat_with_leeway_is_refused_before_iat_minus_leeway(double now)
        {
            Assert.Equal(JwtErrorCode.IssuedInFuture, Decode(Token("\"exp\":9999999999,\"iat\":" + T), At(now, leewaySeconds: 60)));
        }

        [Fact]
        public void Iat_long_in_the_past_is_accepted()
        {
            // iat only says when the token was issued; MiniJwt sets no maximum age.
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"iat\":0"), At(T)));
        }

        // ---- Fractional NumericDate ----

        [Fact]
        public void Fractional_exp_is_valid_until_its_fraction()
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":" + T + ".5"), At(T + 0.499)));
        }

        [Fact]
        public void Fractional_exp_is_expired_at_its_fraction()
        {
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + T + ".5"), At(T + 0.5)));
        }

        [Fact]
        public void Fractional_nbf_is_valid_from_its_fraction()
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"nbf\":" + T + ".25"), At(T + 0.25)));
            Assert.Equal(JwtErrorCode.NotYetValid, Decode(Token("\"exp\":9999999999,\"nbf\":" + T + ".25"), At(T + 0.249)));
        }

        [Fact]
        public void Fractional_iat_is_valid_from_its_fraction()
        {
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":9999999999,\"iat\":" + T + ".75"), At(T + 0.75)));
            Assert.Equal(JwtErrorCode.IssuedInFuture, Decode(Token("\"exp\":9999999999,\"iat\":" + T + ".75"), At(T + 0.749)));
        }

        [Theory]
        [InlineData("1.7e9")]
        [InlineData("1.7E+9")]
        [InlineData("17e8")]
        [InlineData("1700000000.0")]
        public void Exp_in_exponent_or_decimal_notation_is_a_number(string exp)
        {
            var options = At(T - 1);
            Assert.True(Jwt.TryDecode(Token("\"exp\":" + exp), Key, options, out JwtToken token, out JwtError error), error.ToString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T), token.ExpiresAt);
        }

        // ---- The dates the token reports ----

        [Fact]
        public void Token_reports_exp_nbf_and_iat_as_dates()
        {
            string token = Token("\"exp\":" + (T + 100) + ",\"nbf\":" + (T - 5) + ",\"iat\":" + (T - 10));
            JwtToken decoded = Jwt.Decode(token, Key, At(T));
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T + 100), decoded.ExpiresAt);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T - 5), decoded.NotBefore);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(T - 10), decoded.IssuedAt);
        }

        [Fact]
        public void Token_reports_absent_times_as_null()
        {
            JwtToken decoded = Jwt.Decode(Token("\"exp\":" + (T + 100)), Key, At(T));
            Assert.Null(decoded.NotBefore);
            Assert.Null(decoded.IssuedAt);
        }

        [Fact]
        public void Token_reports_a_fractional_exp_to_the_millisecond()
        {
            JwtToken decoded = Jwt.Decode(Token("\"exp\":" + T + ".25"), Key, At(T));
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((T * 1000) + 250), decoded.ExpiresAt);
        }

        [Fact]
        public void Finding11_TimesBeyondTheDateTimeOffsetRange_AreInvalidClaimType()
        {
            Assert.Equal(JwtErrorCode.InvalidClaimType, Decode(Token("\"exp\":1e300"), At(T)));
            Assert.Equal(JwtErrorCode.InvalidClaimType, Decode(Token("\"exp\":-1e300"), At(T)));
            Assert.Equal(JwtErrorCode.InvalidClaimType, Decode(Token("\"exp\":9999999999,\"nbf\":-1e300"), At(T)));
            Assert.Equal(JwtErrorCode.InvalidClaimType, Decode(Token("\"exp\":9999999999,\"iat\":-1e300"), At(T)));
        }

        // ---- Which time check wins ----

        [Fact]
        public void Exp_is_checked_before_nbf()
        {
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + (T - 1) + ",\"nbf\":" + (T + 1)), At(T)));
        }

        [Fact]
        public void Nbf_is_checked_before_iat()
        {
            Assert.Equal(JwtErrorCode.NotYetValid, Decode(Token("\"exp\":9999999999,\"nbf\":" + (T + 1) + ",\"iat\":" + (T + 1)), At(T)));
        }

        [Fact]
        public void Token_whose_nbf_equals_its_exp_is_never_valid()
        {
            string token = Token("\"exp\":" + T + ",\"nbf\":" + T);
            Assert.Equal(JwtErrorCode.NotYetValid, Decode(token, At(T - 1)));
            Assert.Equal(JwtErrorCode.Expired, Decode(token, At(T)));
        }

        // ---- The clock ----

        [Fact]
        public void Clock_is_read_at_every_decode()
        {
            var clock = FakeTimeProvider.AtUnixSeconds(T - 1);
            var options = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = clock };
            string token = Token("\"exp\":" + T);
            Assert.Equal(JwtErrorCode.None, Decode(token, options));
            clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(T));
            Assert.Equal(JwtErrorCode.Expired, Decode(token, options));
        }

        [Fact]
        public void Default_clock_is_the_system_clock()
        {
            var options = new JwtValidationOptions(JwtAlgorithm.HS256);
            Assert.Same(TimeProvider.System, options.TimeProvider);
            long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":" + (now + 3600)), options));
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + (now - 3600)), options));
        }

        [Fact]
        public void TimeProvider_refuses_null()
        {
            Assert.Throws<ArgumentNullException>("value", () => new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = null! });
        }

        [Fact]
        public void Leeway_defaults_to_zero()
        {
            Assert.Equal(TimeSpan.Zero, new JwtValidationOptions(JwtAlgorithm.HS256).Leeway);
        }

        [Theory]
        [InlineData(-1)]
        [InlineData(86_401)]
        public void Leeway_refuses_negative_values_and_more_than_a_day(int seconds)
        {
            Assert.Throws<ArgumentOutOfRangeException>("Leeway", () => new JwtValidationOptions(JwtAlgorithm.HS256) { Leeway = TimeSpan.FromSeconds(seconds) });
        }

        [Fact]
        public void Leeway_of_exactly_one_day_is_accepted()
        {
            Assert.Equal(TimeSpan.FromDays(1), new JwtValidationOptions(JwtAlgorithm.HS256) { Leeway = TimeSpan.FromDays(1) }.Leeway);
        }

        [Fact]
        public void Leeway_of_a_fraction_of_a_second_applies_exactly()
        {
            var options = new JwtValidationOptions(JwtAlgorithm.HS256)
            {
                TimeProvider = FakeTimeProvider.AtUnixSeconds(T + 0.4),
                Leeway = TimeSpan.FromMilliseconds(500),
            };
            Assert.Equal(JwtErrorCode.None, Decode(Token("\"exp\":" + T), options));
            options = new JwtValidationOptions(JwtAlgorithm.HS256)
            {
                TimeProvider = FakeTimeProvider.AtUnixSeconds(T + 0.5),
                Leeway = TimeSpan.FromMilliseconds(500),
            };
            Assert.Equal(JwtErrorCode.Expired, Decode(Token("\"exp\":" + T), options));
        }

        // ---- Writing times ----

        [Fact]
        public void Claims_builder_writes_whole_seconds_dropping_fractions()
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds((T * 1000) + 999);
            byte[] json = new JwtClaims().ExpiresAt(time).NotBefore(time).IssuedAt(time).ToJson();
            Assert.Equal("{\"exp\":" + T + ",\"nbf\":" + T + ",\"iat\":" + T + "}", System.Text.Encoding.UTF8.GetString(json));
        }
    }
}
