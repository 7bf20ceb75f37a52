using System;
using System.Globalization;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.AttackKit;

namespace MiniJwt.Tests.Attacks;

/// <summary>
/// Attacks on the claims of a correctly signed token: time claims of the wrong type or out of range (type juggling
/// such as <c>"exp":"9999999999"</c> or <c>true</c>), <c>aud</c> in every shape, and <c>iss</c>/<c>sub</c> of the
/// wrong type. The clock is fixed at <see cref="AttackKit.Now"/>.
/// </summary>
public sealed class ClaimAttackTests
{
    private const string Later = "1764003600";
    private static readonly JwtValidationOptions s_hs256 = Options(JwtAlgorithm.HS256);
    private static readonly JwtValidationOptions s_audience = new(JwtAlgorithm.HS256) { TimeProvider = Clock, Audiences = [Audience] };
    private static readonly JwtValidationOptions s_issuer = new(JwtAlgorithm.HS256) { TimeProvider = Clock, Issuers = ["https://issuer.example"] };

    private static string Sign(string payload) => Forge("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, Hs256);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- exp, nbf, iat

    [Theory]
    [InlineData("\"1764003600\"")]
    [InlineData("\"9999999999\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("false")]
    [InlineData("null")]
    [InlineData("[1764003600]")]
    [InlineData("[]")]
    [InlineData("{\"value\":1764003600}")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1E+309")]
    public void TimeClaimOfTheWrongTypeOrNotFinite_IsInvalidClaimType(string value)
    {
        foreach (string claim in new[] { "exp", "nbf", "iat" })
        {
            string payload = claim == "exp" ? "{\"exp\":" + value + "}" : "{\"exp\":" + Later + ",\"" + claim + "\":" + value + "}";
            JwtError error = AssertRefused(Sign(payload), Hs256, s_hs256, JwtErrorCode.InvalidClaimType);
            Assert.Equal(claim, error.Name);
        }

        // Not required, still checked when present.
        var lenient = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, RequireExpiration = false };
        AssertRefused(Sign("{\"exp\":" + value + "}"), Hs256, lenient, JwtErrorCode.InvalidClaimType);
    }

    [Fact]
    public void ExpExactlyNow_IsExpired()
    {
        AssertRefused(Sign("{\"exp\":" + N(Now) + "}"), Hs256, s_hs256, JwtErrorCode.Expired);
        AssertRefused(Sign("{\"exp\":" + N(Now) + ".0}"), Hs256, s_hs256, JwtErrorCode.Expired);
        AssertRefused(Sign("{\"exp\":" + N(Now - 1) + ".999}"), Hs256, s_hs256, JwtErrorCode.Expired);
        AssertAccepted(Sign("{\"exp\":" + N(Now) + ".5}"), Hs256, s_hs256);
        AssertAccepted(Sign("{\"exp\":" + N(Now + 1) + "}"), Hs256, s_hs256);

        // With leeway, now < exp + leeway.
        var leeway = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, Leeway = TimeSpan.FromSeconds(30) };
        AssertAccepted(Sign("{\"exp\":" + N(Now - 29) + "}"), Hs256, leeway);
        AssertRefused(Sign("{\"exp\":" + N(Now - 30) + "}"), Hs256, leeway, JwtErrorCode.Expired);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-0")]
    [InlineData("1e-300")]
    public void ExpInThePastOrAtTheEpoch_IsExpired(string value)
    {
        AssertRefused(Sign("{\"exp\":" + value + "}"), Hs256, s_hs256, JwtErrorCode.Expired);
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("18446744073709551616")]
    [InlineData("1e308")]
    [InlineData("253402300800")]
    [InlineData("-9223372036854775808")]
    [InlineData("-1e308")]
    [InlineData("-62135596801")]
    public void Finding11_NumericDateBeyondTheRangeOfDates_IsInvalidClaimType(string value)
    {
        // 2^63, 2^64, 1e308, the year 10000 and the years before 1 have no DateTimeOffset: refused, never clamped,
        // so that one value has one meaning (they used to be accepted and read back as the first or last date).
        foreach (string claim in new[] { "exp", "nbf", "iat" })
        {
            string payload = claim == "exp" ? "{\"exp\":" + value + "}" : "{\"exp\":" + Later + ",\"" + claim + "\":" + value + "}";
            JwtError error = AssertRefused(Sign(payload), Hs256, s_hs256, JwtErrorCode.InvalidClaimType);
            Assert.Equal(claim, error.Name);
        }
    }

    [Fact]
    public void Finding11_NumericDateAtTheEdgesOfTheRangeOfDates_ReadsExactly()
    {
        JwtToken last = AssertAccepted(Sign("{\"exp\":253402300799.5}"), Hs256, s_hs256);
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, 500, TimeSpan.Zero), last.ExpiresAt);
        JwtToken first = AssertAccepted(Sign("{\"exp\":" + Later + ",\"nbf\":-62135596800,\"iat\":-62135596800}"), Hs256, s_hs256);
        Assert.Equal(DateTimeOffset.MinValue, first.NotBefore);
        Assert.Equal(DateTimeOffset.MinValue, first.IssuedAt);
    }

    [Theory]
    [InlineData("nbf", JwtErrorCode.NotYetValid)]
    [InlineData("iat", JwtErrorCode.IssuedInFuture)]
    public void NbfOrIatInTheFuture_IsRefused_ExactlyNowIsNot(string claim, JwtErrorCode code)
    {
        string Payload(string value) => "{\"exp\":" + Later + ",\"" + claim + "\":" + value + "}";

        AssertAccepted(Sign(Payload(N(Now))), Hs256, s_hs256);
        AssertAccepted(Sign(Payload(N(Now - 1))), Hs256, s_hs256);
        AssertRefused(Sign(Payload(N(Now + 1))), Hs256, s_hs256, code);
        AssertRefused(Sign(Payload(N(Now) + ".001")), Hs256, s_hs256, code);
        AssertRefused(Sign(Payload("253402300799")), Hs256, s_hs256, code);
        AssertRefused(Sign(Payload("9223372036854775808")), Hs256, s_hs256, JwtErrorCode.InvalidClaimType);
        AssertRefused(Sign(Payload("1e308")), Hs256, s_hs256, JwtErrorCode.InvalidClaimType);
        AssertRefused(Sign(Payload("-9223372036854775809")), Hs256, s_hs256, JwtErrorCode.InvalidClaimType);

        JwtToken jwt = AssertAccepted(Sign(Payload("-62135596800")), Hs256, s_hs256);
        Assert.Equal(DateTimeOffset.MinValue, claim == "nbf" ? jwt.NotBefore : jwt.IssuedAt);
    }

    [Fact]
    public void ExpMissing_IsMissingClaim()
    {
        JwtError error = AssertRefused(Sign("{\"sub\":\"alice\"}"), Hs256, s_hs256, JwtErrorCode.MissingClaim);
        Assert.Equal("exp", error.Name);
        AssertRefused(Sign("{\"sub\":\"alice\",\"EXP\":" + Later + "}"), Hs256, s_hs256, JwtErrorCode.MissingClaim);
        AssertRefused(Sign("{\"sub\":\"alice\",\"x\":{\"exp\":" + Later + "}}"), Hs256, s_hs256, JwtErrorCode.MissingClaim);
    }

    // ---------------------------------------------------------------- aud

    [Theory]
    [InlineData("\"api\"")]
    [InlineData("[\"api\"]")]
    [InlineData("[\"other\",\"api\"]")]
    [InlineData("[\"api\",\"api\"]")]
    [InlineData("\"\\u0061pi\"")]
    public void AudMatching_IsAccepted(string aud)
    {
        AssertAccepted(Sign("{\"exp\":" + Later + ",\"aud\":" + aud + "}"), Hs256, s_audience);
    }

    [Theory]
    [InlineData("\"API\"")]
    [InlineData("[\"Api\"]")]
    [InlineData("\"api \"")]
    [InlineData("\" api\"")]
    [InlineData("\"api\\u0000\"")]
    [InlineData("\"ap\"")]
    [InlineData("\"apiapi\"")]
    [InlineData("\"api,other\"")]
    [InlineData("\"[\\\"api\\\"]\"")]
    [InlineData("\"\"")]
    [InlineData("[]")]
    [InlineData("[\"\"]")]
    [InlineData("[\"other\"]")]
    [InlineData("\"\u0430pi\"")]
    public void AudNotMatching_WrongCaseEmptyOrLookAlike_IsInvalidAudience(string aud)
    {
        AssertRefused(Sign("{\"exp\":" + Later + ",\"aud\":" + aud + "}"), Hs256, s_audience, JwtErrorCode.InvalidAudience);
    }

    [Theory]
    [InlineData("[[\"api\"]]")]
    [InlineData("[\"api\",1]")]
    [InlineData("[1,\"api\"]")]
    [InlineData("[\"api\",null]")]
    [InlineData("[\"api\",{\"aud\":\"api\"}]")]
    [InlineData("[\"api\",true]")]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"api\":true}")]
    [InlineData("{\"aud\":\"api\"}")]
    public void AudNestedMixedOrNotAString_IsInvalidClaimType(string aud)
    {
        string token = Sign("{\"exp\":" + Later + ",\"aud\":" + aud + "}");
        JwtError error = AssertRefused(token, Hs256, s_audience, JwtErrorCode.InvalidClaimType);
        Assert.Equal("aud", error.Name);

        // Even when the audience is not checked, its type is.
        var notChecked = new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, ValidateAudience = false };
        AssertRefused(token, Hs256, notChecked, JwtErrorCode.InvalidClaimType);
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidClaimType);
    }

    [Fact]
    public void AudMissing_WhenConfigured_IsMissingClaim()
    {
        JwtError error = AssertRefused(Sign("{\"exp\":" + Later + "}"), Hs256, s_audience, JwtErrorCode.MissingClaim);
        Assert.Equal("aud", error.Name);
        AssertRefused(Sign("{\"exp\":" + Later + ",\"AUD\":\"api\"}"), Hs256, s_audience, JwtErrorCode.MissingClaim);
    }

    [Theory]
    [InlineData("\"api\"")]
    [InlineData("[]")]
    [InlineData("[\"anything\"]")]
    public void AudPresent_WhenNoAudienceIsConfigured_IsInvalidAudience(string aud)
    {
        // A token meant for some service must not be accepted by a verifier that has no audience (RFC 7519 §4.1.3).
        string token = Sign("{\"exp\":" + Later + ",\"aud\":" + aud + "}");
        AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidAudience);
        AssertAccepted(token, Hs256, new JwtValidationOptions(JwtAlgorithm.HS256) { TimeProvider = Clock, ValidateAudience = false });
    }

    // ---------------------------------------------------------------- iss, sub, jti

    [Theory]
    [InlineData("1")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[\"https://issuer.example\"]")]
    [InlineData("{\"iss\":\"https://issuer.example\"}")]
    public void IssOfTheWrongType_IsInvalidClaimType(string iss)
    {
        string token = Sign("{\"exp\":" + Later + ",\"iss\":" + iss + "}");
        Assert.Equal("iss", AssertRefused(token, Hs256, s_issuer, JwtErrorCode.InvalidClaimType).Name);
        Assert.Equal("iss", AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidClaimType).Name);
    }

    [Theory]
    [InlineData("\"https://ISSUER.example\"")]
    [InlineData("\"https://issuer.example/\"")]
    [InlineData("\"https://issuer.example.attacker.example\"")]
    [InlineData("\"\"")]
    public void IssNotExactlyAnAcceptedIssuer_IsInvalidIssuer(string iss)
    {
        AssertRefused(Sign("{\"exp\":" + Later + ",\"iss\":" + iss + "}"), Hs256, s_issuer, JwtErrorCode.InvalidIssuer);
    }

    [Fact]
    public void IssMissing_WhenConfigured_IsMissingClaim()
    {
        Assert.Equal("iss", AssertRefused(Sign("{\"exp\":" + Later + "}"), Hs256, s_issuer, JwtErrorCode.MissingClaim).Name);
    }

    [Theory]
    [InlineData("sub", "42")]
    [InlineData("sub", "null")]
    [InlineData("sub", "true")]
    [InlineData("sub", "[\"admin\"]")]
    [InlineData("sub", "{\"id\":\"admin\"}")]
    [InlineData("jti", "1")]
    [InlineData("jti", "[]")]
    public void SubOrJtiOfTheWrongType_IsInvalidClaimType(string claim, string value)
    {
        string token = Sign("{\"exp\":" + Later + ",\"" + claim + "\":" + value + "}");
        Assert.Equal(claim, AssertRefused(token, Hs256, s_hs256, JwtErrorCode.InvalidClaimType).Name);
    }
}
