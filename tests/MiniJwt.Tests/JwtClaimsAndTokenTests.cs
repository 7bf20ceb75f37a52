using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests;

/// <summary>A typed payload for the source-generated (reflection-free) serialization tests.</summary>
public sealed class TestPayload
{
    [JsonPropertyName("sub")]
    public string? Subject { get; set; }

    [JsonPropertyName("exp")]
    public long Expires { get; set; }

    [JsonPropertyName("roles")]
    public IReadOnlyList<string>? Roles { get; set; }
}

[JsonSerializable(typeof(TestPayload))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class TestJsonContext : JsonSerializerContext
{
}

public class JwtClaimsAndTokenTests
{
    private static readonly JwtKey Key = TestKeys.Hs256;

    private static readonly JwtValidationOptions Options = new(JwtAlgorithm.HS256) { ValidateAudience = false };

    private static string Json(JwtClaims claims) => Encoding.UTF8.GetString(claims.ToJson());

    private static JwtToken DecodePayload(string payloadJson, JwtValidationOptions? options = null) =>
        Jwt.Decode(Tokens.Craft(Key, Tokens.Hs256Header, payloadJson), Key, options ?? Options);

    // ---- JwtClaims: order, names ----

    [Fact]
    public void Claims_are_written_in_the_order_added()
    {
        var claims = new JwtClaims().Add("z", 1).Add("a", 2).Subject("s").Add("m", 3);
        Assert.Equal("{\"z\":1,\"a\":2,\"sub\":\"s\",\"m\":3}", Json(claims));
    }

    [Fact]
    public void Claims_helpers_write_the_registered_names()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var claims = new JwtClaims().Issuer("i").Subject("s").Audience("a").ExpiresAt(time).NotBefore(time).IssuedAt(time).JwtId("j");
        Assert.Equal(
            "{\"iss\":\"i\",\"sub\":\"s\",\"aud\":\"a\",\"exp\":1700000000,\"nbf\":1700000000,\"iat\":1700000000,\"jti\":\"j\"}",
            Json(claims));
    }

    [Fact]
    public void Claims_enumerate_in_order_and_count()
    {
        var claims = new JwtClaims().Add("b", 1).Add("a", null);
        Assert.Equal(2, claims.Count);
        Assert.Equal(["b", "a"], System.Linq.Enumerable.Select(claims, c => c.Key));
    }

    [Fact]
    public void Claims_refuse_a_repeated_name()
    {
        var claims = new JwtClaims().Add("role", "a");
        Assert.Throws<ArgumentException>("name", () => claims.Add("role", "b"));
        Assert.Equal(1, claims.Count);
    }

    [Fact]
    public void Claims_refuse_aud_added_twice_through_different_helpers()
    {
        var claims = new JwtClaims().Audience("a");
        Assert.Throws<ArgumentException>("name", () => claims.Audiences(["b"]));
    }

    [Fact]
    public void Claims_names_are_case_sensitive()
    {
        Assert.Equal("{\"a\":1,\"A\":2}", Json(new JwtClaims().Add("a", 1).Add("A", 2)));
    }

    [Fact]
    public void Claims_refuse_a_null_name()
    {
        Assert.Throws<ArgumentNullException>("name", () => new JwtClaims().Add(null!, 1));
    }

    [Fact]
    public void Claims_Audiences_copies_the_list()
    {
        var list = new List<string> { "a" };
        var claims = new JwtClaims().Audiences(list);
        list.Add("b");
        Assert.Equal("{\"aud\":[\"a\"]}", Json(claims));
    }

    // ---- JwtClaims: value types ----

    public static TheoryData<object> UnsupportedValues => new()
    {
        new object(),
        new Uri("https://example.com"),
        TimeSpan.FromSeconds(1),
        'c',
        new DateOnly(2024, 1, 1),
        new Version(1, 0),
        new List<object?> { 1, new object() },
        new Dictionary<string, object?> { ["x"] = new object() },
    };

    [Theory]
    [MemberData(nameof(UnsupportedValues))]
    public void Claims_refuse_unsupported_value_types(object value)
    {
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("x", value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Claims_refuse_non_finite_numbers(double value)
    {
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("x", value));
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("x", (float)value));
    }

    [Fact]
    public void Claims_refuse_a_default_JsonElement()
    {
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("x", default(JsonElement)));
    }

    [Fact]
    public void Claims_write_every_supported_scalar_type()
    {
        var claims = new JwtClaims()
            .Add("null", null)
            .Add("bool", true)
            .Add("byte", (byte)255)
            .Add("sbyte", (sbyte)-128)
            .Add("short", (short)-32768)
            .Add("ushort", (ushort)65535)
            .Add("int", int.MinValue)
            .Add("uint", uint.MaxValue)
            .Add("long", long.MaxValue)
            .Add("ulong", ulong.MaxValue)
            .Add("float", 1.5f)
            .Add("double", 0.1)
            .Add("decimal", 1.25m)
            .Add("guid", new Guid("00000000-0123-4567-890a-bcdef1234591"));
        Assert.Equal(
            "{\"null\":null,\"bool\":true,\"byte\":255,\"sbyte\":-128,\"short\":-32768,\"ushort\":65535,\"int\":-2147483648,"
            + "\"uint\":4294967295,\"long\":9223372036854775807,\"ulong\":18446744073709551615,\"float\":1.5,\"double\":0.1,"
            + "\"decimal\":1.25,\"guid\":\"00000000-0123-4567-890a-bcdef1234591\"}",
            Json(claims));
    }

    [Fact]
    public void Claims_write_dates_as_NumericDate_seconds()
    {
        var claims = new JwtClaims()
            .Add("offset", new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.FromHours(2)))
            .Add("utc", new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc))
            .Add("unspecified", new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Unspecified));
        Assert.Equal("{\"offset\":1699992800,\"utc\":1700000000,\"unspecified\":1700000000}", Json(claims));
    }

    [Fact]
    public void Claims_write_a_JsonElement_as_it_is()
    {
        using JsonDocument document = JsonDocument.Parse("{\"b\":[1,2.50,\"x\"],\"a\":{}}");
        Assert.Equal("{\"raw\":{\"b\":[1,2.50,\"x\"],\"a\":{}}}", Json(new JwtClaims().Add("raw", document.RootElement)));
    }

    [Fact]
    public void Claims_write_nested_objects_and_arrays()
    {
        var claims = new JwtClaims()
            .Add("roles", new[] { "admin", "user" })
            .Add("mixed", new List<object?> { 1, "two", null, false, new[] { 3 } })
            .Add("address", new JwtClaims().Add("city", "Paris").Add("zip", new List<KeyValuePair<string, object?>> { new("code", 75001) }));
        Assert.Equal(
            "{\"roles\":[\"admin\",\"user\"],\"mixed\":[1,\"two\",null,false,[3]],\"address\":{\"city\":\"Paris\",\"zip\":{\"code\":75001}}}",
            Json(claims));
    }

    [Fact]
    public void Claims_refuse_a_nested_object_with_a_repeated_name()
    {
        var nested = new List<KeyValuePair<string, object?>> { new("x", 1), new("x", 2) };
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("o", nested));
    }

    [Fact]
    public void Claims_refuse_nesting_deeper_than_64_levels()
    {
        object value = 1;
        for (int i = 0; i < 70; i++)
        {
            value = new[] { value };
        }

        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("deep", value));
    }

    [Fact]
    public void Claims_write_non_ASCII_text_of_the_BMP_as_UTF8()
    {
        byte[] json = new JwtClaims().Add("name", "Zoë € <b>&'").ToJson();
        Assert.Equal("{\"name\":\"Zoë € <b>&'\"}"u8.ToArray(), json);
    }

    [Fact]
    public void Claims_escape_characters_beyond_the_BMP_as_surrogate_pairs()
    {
        // The relaxed JSON encoder writes astral characters as \uXXXX pairs: valid JSON that reads back the same.
        Assert.Equal("{\"e\":\"\\uD83D\\uDE00\"}", Json(new JwtClaims().Add("e", "😀")));
    }

    [Fact]
    public void Claims_escape_quotes_backslashes_and_control_characters()
    {
        Assert.Equal("{\"ctl\":\"a\\\"b\\\\c\\n\\u0001\"}", Json(new JwtClaims().Add("ctl", "a\"b\\c\n\u0001")));
    }

    [Fact]
    public void Claims_non_ASCII_strings_round_trip_through_a_token()
    {
        string token = Jwt.Encode(new JwtClaims().Subject("Zoë €😀").Add("exp", 9999999999L), Key);
        Assert.Equal("Zoë €😀", Jwt.Decode(token, Key, Options).Subject);
    }

    [Fact]
    public void Claims_with_a_non_ASCII_name_round_trip()
    {
        string token = Jwt.Encode(new JwtClaims().Add("prénom", "Zoë").Add("exp", 9999999999L), Key);
        Assert.True(Jwt.Decode(token, Key, Options).TryGetString("prénom", out string? value));
        Assert.Equal("Zoë", value);
    }

    // ---- Typed payloads through JsonTypeInfo ----

    [Fact]
    public void Encode_typed_payload_with_source_generated_metadata()
    {
        var payload = new TestPayload { Subject = "42", Expires = 9999999999, Roles = ["a", "b"] };
        string token = Jwt.Encode(payload, TestJsonContext.Default.TestPayload, Key);
        JwtToken decoded = Jwt.Decode(token, Key, Options);
        Assert.Equal("{\"sub\":\"42\",\"exp\":9999999999,\"roles\":[\"a\",\"b\"]}", Encoding.UTF8.GetString(decoded.GetPayload()));
        Assert.Equal("42", decoded.Subject);
    }

    [Fact]
    public void Encode_typed_payload_refuses_a_non_object()
    {
        Assert.Throws<ArgumentException>("utf8JsonPayload", () => Jwt.Encode(new[] { "a" }, TestJsonContext.Default.StringArray, Key));
    }

    [Fact]
    public void Deserialize_reads_the_payload_with_source_generated_metadata()
    {
        JwtToken token = DecodePayload("{\"sub\":\"42\",\"exp\":9999999999,\"roles\":[\"x\"],\"other\":true}");
        TestPayload? payload = token.Deserialize(TestJsonContext.Default.TestPayload);
        Assert.NotNull(payload);
        Assert.Equal("42", payload.Subject);
        Assert.Equal(9999999999, payload.Expires);
        Assert.Equal(["x"], payload.Roles);
    }

    [Fact]
    public void Deserialize_refuses_null_metadata()
    {
        JwtToken token = DecodePayload(Tokens.FarFuturePayload);
        Assert.Throws<ArgumentNullException>("typeInfo", () => token.Deserialize<TestPayload>(null!));
    }

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

    // ---- Reading the header without verification ----

    [Fact]
    public void TryReadHeaderUnverified_reads_kid_alg_and_typ()
    {
        string token = Jwt.Encode(Encoding.UTF8.GetBytes(Tokens.FarFuturePayload), TestKeys.For(JwtAlgorithm.ES256, keyId: "k7"));
        Assert.True(Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out JwtError error), error.ToString());
        Assert.Equal("k7", header.KeyId);
        Assert.Equal(JwtAlgorithm.ES256, header.Algorithm);
        Assert.Equal("JWT", header.Type);
    }

    [Fact]
    public void TryReadHeaderUnverified_does_not_check_the_signature()
    {
        string token = Tokens.CraftEncoded(Key, Tokens.B64("{\"alg\":\"HS256\",\"kid\":\"k\"}"), Tokens.B64("{}"));
        Assert.True(Jwt.TryReadHeaderUnverified(Tokens.TamperSignature(token), out JwtHeader header, out _));
        Assert.Equal("k", header.KeyId);
    }

    [Fact]
    public void TryReadHeaderUnverified_reads_an_unknown_alg_as_zero()
    {
        string token = Tokens.B64("{\"alg\":\"none\",\"kid\":\"k\"}") + "." + Tokens.B64("{}") + ".";
        Assert.True(Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out _));
        Assert.Equal((JwtAlgorithm)0, header.Algorithm);
        Assert.Equal("k", header.KeyId);
    }

    [Theory]
    [InlineData(null, JwtErrorCode.Empty)]
    [InlineData("", JwtErrorCode.Empty)]
    [InlineData("abc", JwtErrorCode.Malformed)]
    [InlineData("e30.e30.", JwtErrorCode.MissingAlgorithm)]
    [InlineData("W10.e30.", JwtErrorCode.InvalidJson)]
    [InlineData("eyJhbGciOiJIUzI1NiIsImFsZyI6IkhTMjU2In0.e30.", JwtErrorCode.DuplicateMember)]
    public void TryReadHeaderUnverified_reports_why_it_cannot_read(string? token, JwtErrorCode expected)
    {
        Assert.False(Jwt.TryReadHeaderUnverified(token, out _, out JwtError error));
        Assert.Equal(expected, error.Code);
    }

    [Fact]
    public void TryReadHeaderUnverified_refuses_a_token_over_the_limit()
    {
        Assert.False(Jwt.TryReadHeaderUnverified(new string('A', 100), out _, out JwtError error, maxTokenLength: 99));
        Assert.Equal(JwtErrorCode.TokenTooLarge, error.Code);
    }

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
