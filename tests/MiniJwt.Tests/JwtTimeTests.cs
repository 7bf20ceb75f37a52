using System;
using System.Globalization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>
/// exp, nbf and iat against an injected clock: a token is valid while now &lt; exp + leeway, and once
/// nbf &lt;= now + leeway and iat &lt;= now + leeway. The clock has millisecond precision.
/// </summary>
public class JwtTimeTests
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
