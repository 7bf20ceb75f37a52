using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JsonClaimWriterTests
{
    private static readonly JwtKey Key = TestKeys.Hs256;

    private static readonly JwtValidationOptions Options = new(JwtAlgorithm.HS256) { ValidateAudience = false };

    private static string Json(JwtClaims claims) => Encoding.UTF8.GetString(claims.ToJson());

    private static JwtToken DecodePayload(string payloadJson, JwtValidationOptions? options = null) =>
        Jwt.Decode(Tokens.Craft(Key, Tokens.Hs256Header, payloadJson), Key, options ?? Options);

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

    // JwtClaims escapes its names once, when they are added; the text is the same as the writer gives a name at each write
    // (a dictionary's names are written that way).
    [Theory]
    [InlineData("a\"b")]
    [InlineData("back\\slash")]
    [InlineData("prénom")]
    [InlineData("<script>&'")]
    [InlineData("\u0001\n\t")]
    [InlineData("😀")]
    public void Claims_names_are_written_as_the_writer_escapes_them(string name)
    {
        byte[] fromClaims = new JwtClaims().Add(name, 1).Add("n", new Dictionary<string, object?> { [name] = 2 }).ToJson();
        byte[] fromDictionary = JsonClaimWriter.ToJson(
            new List<KeyValuePair<string, object?>> { new(name, 1), new("n", new Dictionary<string, object?> { [name] = 2 }) });
        Assert.Equal(Encoding.UTF8.GetString(fromDictionary), Encoding.UTF8.GetString(fromClaims));
        using JsonDocument document = JsonDocument.Parse(fromClaims);
        Assert.Equal(1, document.RootElement.GetProperty(name).GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("n").GetProperty(name).GetInt32());
    }

    // The collections read without an interface enumerator: exactly a Dictionary, a List of objects, a List of strings.
    [Fact]
    public void Claims_write_dictionaries_and_lists_of_objects_and_strings()
    {
        var claims = new JwtClaims()
            .Add("d", new Dictionary<string, object?> { ["a"] = 1L, ["b"] = new List<object?> { "x", null, new Dictionary<string, object?>() } })
            .Audiences(["one", "two"])
            .Add("e", new List<object?>())
            .Add("s", new List<string>());
        Assert.Equal("{\"d\":{\"a\":1,\"b\":[\"x\",null,{}]},\"aud\":[\"one\",\"two\"],\"e\":[],\"s\":[]}", Json(claims));
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

    // ---- the per-thread scratch buffer ----

    // An enumerator that encodes a token of its own while the outer claims are written gets its own buffer: neither text
    // is mixed into the other.
    [Fact]
    public void An_encode_inside_an_encode_gets_its_own_buffer()
    {
        string? inner = null;
        string outer = Jwt.Encode(Pairs(() => inner = Jwt.Encode(new JwtClaims().Add("inner", "yes").Add("exp", 9999999999L), Key)), Key);
        Assert.Equal("{\"outer\":\"yes\",\"exp\":9999999999}", Encoding.UTF8.GetString(Jwt.Decode(outer, Key, Options).GetPayload()));
        Assert.Equal("{\"inner\":\"yes\",\"exp\":9999999999}", Encoding.UTF8.GetString(Jwt.Decode(inner!, Key, Options).GetPayload()));
    }

    // A write that fails half-way (a value of an unsupported type in a list of pairs, or a repeated name) leaves nothing
    // behind for the next one.
    [Fact]
    public void A_failed_write_leaves_nothing_for_the_next()
    {
        var bad = new List<KeyValuePair<string, object?>> { new("a", "first"), new("b", new object()) };
        Assert.Throws<ArgumentException>("claims", () => Jwt.Encode(bad, Key));
        var repeated = new List<KeyValuePair<string, object?>> { new("a", 1L), new("a", 2L) };
        Assert.Throws<ArgumentException>("claims", () => Jwt.Encode(repeated, Key));
        string token = Jwt.Encode(new JwtClaims().Add("c", "second").Add("exp", 9999999999L), Key);
        Assert.Equal("{\"c\":\"second\",\"exp\":9999999999}", Encoding.UTF8.GetString(Jwt.Decode(token, Key, Options).GetPayload()));
    }

    // A claim set larger than the buffer kept per thread is written whole, and the next small one too.
    [Fact]
    public void A_large_claim_set_is_written_whole_and_the_next_small_one_too()
    {
        string large = new('x', 100_000);
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { ValidateAudience = false, MaxTokenLength = 1 << 20 };
        string token = Jwt.Encode(new JwtClaims().Add("big", large).Add("exp", 9999999999L), Key);
        Assert.True(Jwt.Decode(token, Key, options).TryGetString("big", out string? value));
        Assert.Equal(large, value);
        string small = Jwt.Encode(new JwtClaims().Add("s", 1L).Add("exp", 9999999999L), Key);
        Assert.Equal("{\"s\":1,\"exp\":9999999999}", Encoding.UTF8.GetString(Jwt.Decode(small, Key, Options).GetPayload()));
    }

    // Only the exact Dictionary type is trusted to hold unique names: a derived one may enumerate a name twice, and is read
    // by the JSON gate like any other list of pairs.
    [Fact]
    public void A_derived_dictionary_that_repeats_a_name_is_refused()
    {
        Assert.Throws<ArgumentException>("claims", () => Jwt.Encode(new RepeatingDictionary(), Key));
        Assert.Throws<ArgumentException>("claims", () => Jwt.Encode(new Dictionary<string, object?> { ["exp"] = 9999999999L, ["nested"] = new RepeatingDictionary() }, Key));
        Assert.Throws<ArgumentException>("value", () => new JwtClaims().Add("nested", new RepeatingDictionary()));
    }

    // A write that fails half-way leaves none of its bytes in the buffer the thread keeps, counted or not.
    [Fact]
    public void A_failed_write_leaves_no_claim_bytes_in_the_kept_buffer()
    {
        string marker = "MARKER-" + Guid.NewGuid().ToString("N");
        var pairs = new List<KeyValuePair<string, object?>> { new("secret", marker), new("bad", new object()) };
        Assert.Throws<ArgumentException>("claims", () => Jwt.Encode(pairs, Key));

        Type scratch = typeof(JwtClaims).Assembly.GetType("MiniJwt.JsonClaimWriter+Scratch", throwOnError: true)!;
        object? kept = scratch.GetField("t_cached", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null);
        Assert.NotNull(kept);
        var buffer = (System.Buffers.ArrayBufferWriter<byte>)scratch.GetField("_buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(kept)!;
        Assert.Equal(0, buffer.WrittenCount);
        Assert.True(buffer.GetSpan().IndexOfAnyExcept((byte)0) < 0, "the kept buffer still holds bytes of the failed write");
    }

    private sealed class RepeatingDictionary : Dictionary<string, object?>, IEnumerable<KeyValuePair<string, object?>>
    {
        IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator()
        {
            yield return new("sub", "alice");
            yield return new("sub", "admin");
            yield return new("exp", 9999999999L);
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Pairs(Action during)
    {
        yield return new("outer", "yes");
        during();
        yield return new("exp", 9999999999L);
    }
}
