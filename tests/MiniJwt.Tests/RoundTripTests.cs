using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests;

public class RoundTripTests
{
    public static TheoryData<JwtAlgorithm> AllAlgorithms
    {
        get
        {
            var data = new TheoryData<JwtAlgorithm>();
            foreach (JwtAlgorithm algorithm in JwtAlgorithms.All)
            {
                data.Add(algorithm);
            }

            return data;
        }
    }

    // Algorithms whose signatures are deterministic, so that two signing calls give the same token.
    public static TheoryData<JwtAlgorithm> DeterministicAlgorithms => new()
    {
        JwtAlgorithm.HS256, JwtAlgorithm.HS384, JwtAlgorithm.HS512,
        JwtAlgorithm.RS256, JwtAlgorithm.RS384, JwtAlgorithm.RS512,
    };

    private static readonly byte[] BinaryPayload = [0x00, 0xFF, 0xFE, 0x80, 0x2E, 0x2E, 0x0A, 0xC3, 0x28, 0x7B];

    private static readonly byte[] JsonPayload = "{\"sub\":\"42\",\"exp\":9999999999}"u8.ToArray();

    private static string HeaderJson(string token) =>
        Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.'))));

    // ---- JWS level ----

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Jws_round_trips_a_binary_payload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        string token = Jws.Sign(BinaryPayload, key);
        Assert.True(Jws.TryVerify(token, key.ToPublicKey(), new JwsValidationOptions(algorithm), out JwsToken jws, out JwtError error), error.ToString());
        Assert.Equal(BinaryPayload, jws.GetPayload());
        Assert.Equal(BinaryPayload.Length, jws.PayloadLength);
        Assert.Equal(algorithm, jws.Header.Algorithm);
        Assert.Null(jws.Header.Type);
        Assert.Equal(token, jws.Token);
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Jws_refuses_the_token_under_another_key_of_the_same_algorithm(JwtAlgorithm algorithm)
    {
        string token = Jws.Sign(BinaryPayload, TestKeys.For(algorithm));
        Assert.False(Jws.TryVerify(token, TestKeys.OtherFor(algorithm), new JwsValidationOptions(algorithm), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidSignature, error.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(1500)]
    [InlineData(5000)]
    public void Jws_round_trips_payloads_of_every_tail_length_and_beyond_the_stack_buffers(int length)
    {
        byte[] payload = new byte[length];
        new Random(length).NextBytes(payload);
        JwtKey key = TestKeys.Hs256;
        string token = Jws.Sign(payload, key);
        JwsToken jws = Jws.Verify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256));
        Assert.Equal(payload, jws.GetPayload());
    }

    [Fact]
    public void Jws_CopyPayloadTo_writes_the_payload()
    {
        JwtKey key = TestKeys.Hs256;
        JwsToken jws = Jws.Verify(Jws.Sign(BinaryPayload, key), key, new JwsValidationOptions(JwtAlgorithm.HS256));
        byte[] destination = new byte[jws.PayloadLength];
        Assert.Equal(BinaryPayload.Length, jws.CopyPayloadTo(destination));
        Assert.Equal(BinaryPayload, destination);
    }

    [Fact]
    public void Jws_round_trips_an_empty_payload()
    {
        // RFC 7515 allows any payload, the empty one included; the span and writer forms agree with the string form.
        JwtKey key = TestKeys.Hs256;
        string token = Jws.Sign(ReadOnlySpan<byte>.Empty, key);
        Assert.Equal(2, token.Split('.').Length - 1);
        Assert.Equal(string.Empty, token.Split('.')[1]);
        byte[] buffer = new byte[256];
        Assert.Equal(token, System.Text.Encoding.ASCII.GetString(buffer, 0, Jws.Sign(ReadOnlySpan<byte>.Empty, key, buffer)));
        Assert.True(Jws.TryVerify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
        Assert.Empty(jws.GetPayload());
        Assert.Equal(0, jws.PayloadLength);
    }

    [Fact]
    public void Jwt_refuses_an_empty_payload_as_invalid_json()
    {
        // A JWT's payload must be a JSON object: the empty JWS payload is no claims set.
        JwtKey key = TestKeys.Hs256;
        string token = Tokens.CraftEncoded(key, Tokens.B64("{\"alg\":\"HS256\"}"), string.Empty);
        Assert.False(Jwt.TryDecode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(new JwtError(JwtErrorCode.InvalidJson, "payload"), error);
    }

    [Fact]
    public void Jws_verifies_a_header_written_differently_from_ours()
    {
        // Members in another order and with spaces: the slow path parses the header.
        JwtKey key = TestKeys.Hs256;
        string token = Tokens.Craft(key, "{ \"typ\" : \"JWT\", \"alg\" : \"HS256\" }", "{}");
        Assert.True(Jws.TryVerify(token, key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
        Assert.Equal("JWT", jws.Header.Type);
        Assert.Equal(JwtAlgorithm.HS256, jws.Header.Algorithm);
    }

    [Fact]
    public void Jws_TryVerify_utf8_matches_the_string_overload()
    {
        JwtKey key = TestKeys.Hs256;
        string token = Jws.Sign(BinaryPayload, key, "JOSE");
        Assert.True(Jws.TryVerify(Encoding.ASCII.GetBytes(token), key, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
        Assert.Equal(token, jws.Token);
        Assert.Equal("JOSE", jws.Header.Type);
        Assert.Equal(BinaryPayload, jws.GetPayload());
    }

    [Theory]
    [MemberData(nameof(DeterministicAlgorithms))]
    public void Jws_span_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, keyId: "k");
        string expected = Jws.Sign(BinaryPayload, key, "JOSE");
        byte[] destination = new byte[expected.Length];
        Assert.Equal(expected.Length, Jws.Sign(BinaryPayload, key, destination, "JOSE"));
        Assert.Equal(expected, Encoding.ASCII.GetString(destination));
    }

    [Theory]
    [MemberData(nameof(DeterministicAlgorithms))]
    public void Jws_buffer_writer_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, keyId: "k");
        string expected = Jws.Sign(BinaryPayload, key);
        var writer = new ArrayBufferWriter<byte>(1);
        writer.Write("prefix"u8);
        Assert.Equal(expected.Length, Jws.Sign(BinaryPayload, key, writer));
        Assert.Equal("prefix" + expected, Encoding.ASCII.GetString(writer.WrittenSpan));
    }

    [Fact]
    public void Jws_span_overload_leaves_the_rest_of_a_larger_destination_untouched()
    {
        JwtKey key = TestKeys.Hs256;
        string expected = Jws.Sign(BinaryPayload, key);
        byte[] destination = new byte[expected.Length + 3];
        destination.AsSpan().Fill((byte)'*');
        int written = Jws.Sign(BinaryPayload, key, destination);
        Assert.Equal(expected + "***", Encoding.ASCII.GetString(destination));
        Assert.Equal(expected.Length, written);
    }

    [Fact]
    public void Jws_span_overload_refuses_a_destination_one_byte_short()
    {
        JwtKey key = TestKeys.Hs256;
        int length = Jws.GetEncodedLength(BinaryPayload.Length, key);
        Assert.Throws<ArgumentException>("destination", () => Jws.Sign(BinaryPayload, key, new byte[length - 1]));
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Jws_GetEncodedLength_is_exact(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, keyId: "key-1");
        foreach (int length in new[] { 1, 2, 3, 4, 100, 3000 })
        {
            byte[] payload = new byte[length];
            foreach (string? type in new[] { null, "JWT", "at+jwt" })
            {
                Assert.Equal(Jws.Sign(payload, key, type).Length, Jws.GetEncodedLength(length, key, type));
            }
        }
    }

    // ---- Headers ----

    [Fact]
    public void Jws_header_without_kid_or_typ_is_alg_only()
    {
        Assert.Equal("{\"alg\":\"HS256\"}", HeaderJson(Jws.Sign(BinaryPayload, TestKeys.Hs256)));
    }

    [Fact]
    public void Jwt_header_is_alg_then_typ_JWT()
    {
        Assert.Equal("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", HeaderJson(Jwt.Encode(JsonPayload, TestKeys.Hs256)));
    }

    [Fact]
    public void Jwt_header_with_kid_is_alg_kid_typ_compact()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.ES256, keyId: "2024-01");
        Assert.Equal("{\"alg\":\"ES256\",\"kid\":\"2024-01\",\"typ\":\"JWT\"}", HeaderJson(Jwt.Encode(JsonPayload, key)));
    }

    [Fact]
    public void Jwt_header_with_a_custom_type_writes_it()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.RS256, keyId: "r");
        Assert.Equal("{\"alg\":\"RS256\",\"kid\":\"r\",\"typ\":\"at+jwt\"}", HeaderJson(Jwt.Encode(JsonPayload, key, "at+jwt")));
    }

    [Fact]
    public void Jwt_header_with_a_null_type_has_no_typ()
    {
        Assert.Equal("{\"alg\":\"HS512\"}", HeaderJson(Jwt.Encode(JsonPayload, TestKeys.For(JwtAlgorithm.HS512), type: null)));
    }

    [Fact]
    public void Jws_Sign_refuses_an_empty_type()
    {
        Assert.Throws<ArgumentException>("type", () => Jws.Sign(BinaryPayload, TestKeys.Hs256, string.Empty));
    }

    [Fact]
    public void Header_kid_with_quotes_and_non_ASCII_is_escaped_as_JSON_and_read_back()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.HS256, keyId: "k\"é/€");
        string token = Jwt.Encode(JsonPayload, key);
        Assert.Equal("{\"alg\":\"HS256\",\"kid\":\"k\\\"é/€\",\"typ\":\"JWT\"}", HeaderJson(token));
        JwtToken decoded = Jwt.Decode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256));
        Assert.Equal("k\"é/€", decoded.Header.KeyId);
    }

    [Fact]
    public void Header_read_by_another_key_of_the_same_algorithm_gives_the_token_kid()
    {
        // The verifying key's own kid differs, so the header is parsed rather than recognised.
        JwtKey signer = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId: "signer");
        JwtKey verifier = JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId: "verifier");
        JwtToken decoded = Jwt.Decode(Jwt.Encode(JsonPayload, signer), verifier, new JwtValidationOptions(JwtAlgorithm.HS256));
        Assert.Equal("signer", decoded.Header.KeyId);
        Assert.Equal("JWT", decoded.Header.Type);
    }

    // ---- JWT level ----

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Jwt_round_trips_claims(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm, keyId: "kid-" + JwtAlgorithms.GetName(algorithm));
        var expires = DateTimeOffset.FromUnixTimeSeconds(4_102_444_800); // 2100-01-01
        string token = Jwt.Encode(
            new JwtClaims().Subject("user-1").Issuer("https://issuer.example").Audience("api").ExpiresAt(expires).JwtId("j1"),
            key);
        var options = new JwtValidationOptions(algorithm) { Audiences = ["api"], Issuers = ["https://issuer.example"] };
        Assert.True(Jwt.TryDecode(token, key.ToPublicKey(), options, out JwtToken decoded, out JwtError error), error.ToString());
        Assert.Equal("user-1", decoded.Subject);
        Assert.Equal("https://issuer.example", decoded.Issuer);
        Assert.Equal(["api"], decoded.Audiences);
        Assert.Equal(expires, decoded.ExpiresAt);
        Assert.Equal("j1", decoded.JwtId);
        Assert.Equal(algorithm, decoded.Header.Algorithm);
        Assert.Equal("JWT", decoded.Header.Type);
        Assert.Equal(key.KeyId, decoded.Header.KeyId);
        Assert.Equal(token, decoded.Token);
    }

    [Theory]
    [MemberData(nameof(DeterministicAlgorithms))]
    public void Jwt_span_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        string expected = Jwt.Encode(JsonPayload, key);
        byte[] destination = new byte[Jwt.GetEncodedLength(JsonPayload.Length, key)];
        Assert.Equal(destination.Length, Jwt.Encode(JsonPayload, key, destination));
        Assert.Equal(expected, Encoding.ASCII.GetString(destination));
    }

    [Theory]
    [MemberData(nameof(DeterministicAlgorithms))]
    public void Jwt_buffer_writer_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        string expected = Jwt.Encode(JsonPayload, key, "JWT");
        var writer = new ArrayBufferWriter<byte>();
        Assert.Equal(expected.Length, Jwt.Encode(JsonPayload, key, writer, "JWT"));
        Assert.Equal(expected, Encoding.ASCII.GetString(writer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(DeterministicAlgorithms))]
    public void Jwt_claims_overload_writes_the_same_token_as_the_bytes_overload(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        string fromClaims = Jwt.Encode(new JwtClaims().Subject("42").Add("exp", 9999999999L), key);
        Assert.Equal(Jwt.Encode(JsonPayload, key), fromClaims);
    }

    [Fact]
    public void Jwt_dictionary_overload_writes_the_pairs_in_their_order()
    {
        var claims = new List<KeyValuePair<string, object?>>
        {
            new("sub", "42"),
            new("exp", 9999999999L),
        };
        Assert.Equal(Jwt.Encode(JsonPayload, TestKeys.Hs256), Jwt.Encode(claims, TestKeys.Hs256));
    }

    [Theory]
    [MemberData(nameof(AllAlgorithms))]
    public void Jwt_GetEncodedLength_is_exact(JwtAlgorithm algorithm)
    {
        JwtKey key = TestKeys.For(algorithm);
        Assert.Equal(Jwt.Encode(JsonPayload, key).Length, Jwt.GetEncodedLength(JsonPayload.Length, key));
        Assert.Equal(Jwt.Encode(JsonPayload, key, type: null).Length, Jwt.GetEncodedLength(JsonPayload.Length, key, type: null));
    }

    [Fact]
    public void Jwt_TryDecode_utf8_matches_the_string_overload()
    {
        JwtKey key = TestKeys.Hs256;
        string token = Jwt.Encode(JsonPayload, key);
        Assert.True(Jwt.TryDecode(Encoding.ASCII.GetBytes(token), key, new JwtValidationOptions(JwtAlgorithm.HS256), out JwtToken decoded, out JwtError error), error.ToString());
        Assert.Equal("42", decoded.Subject);
        Assert.Equal(token, decoded.Token);
    }

    [Fact]
    public void Jwt_round_trips_a_payload_longer_than_the_stack_buffers()
    {
        JwtKey key = TestKeys.Hs256;
        string big = new('x', 5000);
        string token = Jwt.Encode(new JwtClaims().Add("data", big).Add("exp", 9999999999L), key);
        JwtToken decoded = Jwt.Decode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256));
        Assert.True(decoded.TryGetString("data", out string? data));
        Assert.Equal(big, data);
    }

    [Fact]
    public void Jwt_Encode_writes_the_fastapi_users_token_byte_for_byte()
    {
        // Source: a token written by fastapi-users' generate_jwt (PyJWT 2.6.0), HS256, lifetime 3600 s at now = 1764000000.
        const string Expected = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwMDAwMDAwMC0wMTIzLTQ1NjctODkwYS1iY2RlZjEyMzQ1OTEiLCJhdWQiOlsiZmFzdGFwaS11c2VyczphdXRoIl0sImV4cCI6MTc2NDAwMzYwMH0.RS0TEQvaDMZWh4vqmCF23mGH0vOXHoArFKndb56_LX0";
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, "correct horse battery staple, 32+ bytes long, kept secret");
        string token = Jwt.Encode(
            new JwtClaims().Subject("00000000-0123-4567-890a-bcdef1234591").Audiences(["fastapi-users:auth"]).Add("exp", 1764003600L),
            key);
        Assert.Equal(Expected, token);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":1")]
    [InlineData("")]
    [InlineData("{\"\\uD800\":1}")]
    [InlineData("{\"o\":{\"a\":1,\"a\":2}}")]
    public void Jwt_Encode_refuses_a_payload_that_is_not_one_JSON_object_with_unique_names(string json)
    {
        byte[] payload = Encoding.UTF8.GetBytes(json);
        Assert.Throws<ArgumentException>("utf8JsonPayload", () => Jwt.Encode(payload, TestKeys.Hs256));
    }

    [Fact]
    public void Jwt_Encode_refuses_a_payload_that_is_not_UTF8()
    {
        byte[] payload = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        Assert.Throws<ArgumentException>("utf8JsonPayload", () => Jwt.Encode(payload, TestKeys.Hs256));
    }

    [Fact]
    public void Jwt_Encode_refuses_a_payload_with_a_byte_order_mark()
    {
        byte[] payload = [0xEF, 0xBB, 0xBF, .. JsonPayload];
        Assert.Throws<ArgumentException>("utf8JsonPayload", () => Jwt.Encode(payload, TestKeys.Hs256));
    }

    [Fact]
    public void Jwt_Encode_refuses_a_public_key()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.ES256).ToPublicKey();
        Assert.Throws<InvalidOperationException>(() => Jwt.Encode(JsonPayload, key));
        Assert.Throws<InvalidOperationException>(() => Jwt.Encode(new JwtClaims().Subject("x"), key));
    }

    [Fact]
    public void Jwt_Encode_refuses_null_arguments()
    {
        Assert.Throws<ArgumentNullException>("key", () => Jwt.Encode(JsonPayload, null!));
        Assert.Throws<ArgumentNullException>("claims", () => Jwt.Encode((JwtClaims)null!, TestKeys.Hs256));
        Assert.Throws<ArgumentNullException>("writer", () => Jwt.Encode(JsonPayload, TestKeys.Hs256, (IBufferWriter<byte>)null!));
    }

    [Property(MaxTest = 1000)]
    public void Property_Jws_round_trips_any_payload_starting_with_a_given_byte(byte[] data)
    {
        byte[] payload = [0x7F, .. data];
        JwtKey key = TestKeys.Hs256;
        JwsToken jws = Jws.Verify(Jws.Sign(payload, key), key, new JwsValidationOptions(JwtAlgorithm.HS256));
        Assert.Equal(payload, jws.GetPayload());
    }

    private static readonly string s_mutationTarget = Jwt.Encode(new JwtClaims().Subject("42").Add("exp", 9999999999L), TestKeys.Hs256);

    [Property(MaxTest = 1000)]
    public void Property_no_single_character_change_of_a_token_verifies(NonNegativeInt position, byte replacement)
    {
        const string Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        string token = s_mutationTarget;
        int index = position.Get % token.Length;
        char c = Characters[replacement % Characters.Length];
        if (c == token[index])
        {
            c = Characters[(replacement + 1) % Characters.Length];
        }

        string mutated = token[..index] + c + token[(index + 1)..];
        var options = new JwtValidationOptions(JwtAlgorithm.HS256);
        Assert.False(Jwt.TryDecode(mutated, TestKeys.Hs256, options, out _, out JwtError error));
        Assert.NotEqual(JwtErrorCode.None, error.Code);
    }

    [Fact]
    public void Signatures_of_randomized_algorithms_differ_between_calls_yet_both_verify()
    {
        JwtKey key = TestKeys.For(JwtAlgorithm.PS256);
        string first = Jws.Sign(BinaryPayload, key);
        string second = Jws.Sign(BinaryPayload, key);
        Assert.NotEqual(first, second);
        var options = new JwsValidationOptions(JwtAlgorithm.PS256);
        Assert.True(Jws.TryVerify(first, key, options, out _, out _));
        Assert.True(Jws.TryVerify(second, key, options, out _, out _));
    }
}
