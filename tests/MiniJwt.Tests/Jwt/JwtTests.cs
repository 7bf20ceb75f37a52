using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FsCheck;
using FsCheck.Xunit;
using MiniJwt.Remote;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RoundTripData;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>Tests of <c>Jwt</c>, grouped by the suite they came from.</summary>
public class JwtTests
{
    private static readonly JwtKey Key = TestKeys.Hs256;

    public class ClaimsAndToken
    {
        private static readonly JwtKey Key = TestKeys.Hs256;

        private static readonly JwtValidationOptions Options = new(JwtAlgorithm.HS256) { ValidateAudience = false };

        private static string Json(JwtClaims claims) => Encoding.UTF8.GetString(claims.ToJson());

        private static JwtToken DecodePayload(string payloadJson, JwtValidationOptions? options = null) =>
            Jwt.Decode(Tokens.Craft(Key, Tokens.Hs256Header, payloadJson), Key, options ?? Options);

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
    }

    public class RoundTrip
    {
        // ---- JWT level ----

        [Theory]
        [MemberData(nameof(RoundTripData.AllAlgorithms), MemberType = typeof(RoundTripData))]
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
        [MemberData(nameof(RoundTripData.DeterministicAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jwt_span_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm);
            string expected = Jwt.Encode(JsonPayload, key);
            byte[] destination = new byte[Jwt.GetEncodedLength(JsonPayload.Length, key)];
            Assert.Equal(destination.Length, Jwt.Encode(JsonPayload, key, destination));
            Assert.Equal(expected, Encoding.ASCII.GetString(destination));
        }

        [Theory]
        [MemberData(nameof(RoundTripData.DeterministicAlgorithms), MemberType = typeof(RoundTripData))]
        public void Jwt_buffer_writer_overload_writes_the_same_token_as_the_string_overload(JwtAlgorithm algorithm)
        {
            JwtKey key = TestKeys.For(algorithm);
            string expected = Jwt.Encode(JsonPayload, key, "JWT");
            var writer = new ArrayBufferWriter<byte>();
            Assert.Equal(expected.Length, Jwt.Encode(JsonPayload, key, writer, "JWT"));
            Assert.Equal(expected, Encoding.ASCII.GetString(writer.WrittenSpan));
        }

        [Theory]
        [MemberData(nameof(RoundTripData.DeterministicAlgorithms), MemberType = typeof(RoundTripData))]
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
        [MemberData(nameof(RoundTripData.AllAlgorithms), MemberType = typeof(RoundTripData))]
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

    public class Findings
    {
        [Fact]
        public void TryDecode_OfAValidHs256Token_AllocatesNothing()
        {
            // The hot path: a verified HS256 token read from a string costs no managed allocation (the registered
            // claims are recorded by place, and materialised only when asked for).
            var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"] };
            string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("42").Audience("api").ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)), Key);
            bool ok = true;
            for (int i = 0; i < 100; i++)
            {
                ok &= MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                ok &= MiniJwt.Jwt.TryDecode(token, Key, options, out _, out _);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(ok);
            Assert.Equal(0, allocated);
        }

        private static readonly JwtKey Key = TestKeys.Hs256;

        [Theory]
        [InlineData("\"\\ud800\"")]
        [InlineData("\"x\\udfff\"")]
        [InlineData("{\"a\":\"\\ud800\"}")]
        [InlineData("[\"\\ud800\"]")]
        public void Finding04_JsonElementHoldingALoneSurrogate_ThrowsArgumentException(string json)
        {
            // It used to leave Encode as an InvalidOperationException, which the documentation does not list.
            using JsonDocument document = JsonDocument.Parse(json);
            var claims = new Dictionary<string, object?> { ["sub"] = "1", ["x"] = document.RootElement.Clone() };
            ArgumentException e = Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(claims, Key));
            Assert.Equal("claims", e.ParamName);
            Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new JwtClaims().Add("x", document.RootElement.Clone()), Key));
        }

        [Fact]
        public void Finding03_UnpairedSurrogateInClaimsGivenAsPairs_Throws()
        {
            Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new Dictionary<string, object?> { ["sub"] = "x\ud800" }, Key));
            Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(new Dictionary<string, object?> { ["s\udfff"] = "x" }, Key));
        }

        [Fact]
        public void Finding03_UnpairedSurrogateInType_Throws()
        {
            byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
            Assert.Equal("type", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, "at+\ud800")).ParamName);
            Assert.Equal("type", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, "at+\udfff")).ParamName);
            Assert.Throws<ArgumentException>(() => Jws.Sign(payload, Key, "\ud800"));
        }

        [Fact]
        public void TryEncode_ReturnsFalseOnAShortDestination_AndWritesNothing()
        {
            byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
            int length = MiniJwt.Jwt.GetEncodedLength(payload.Length, Key);
            byte[] destination = new byte[length - 1];
            Assert.False(MiniJwt.Jwt.TryEncode(payload, Key, destination, out int written));
            Assert.Equal(0, written);
            Assert.All(destination, b => Assert.Equal(0, b));

            destination = new byte[length];
            Assert.True(MiniJwt.Jwt.TryEncode(payload, Key, destination, out written));
            Assert.Equal(length, written);
            Assert.Equal(MiniJwt.Jwt.Encode(payload, Key), Encoding.ASCII.GetString(destination));
        }

        [Fact]
        public void Encode_IntoAShortDestination_ThrowsArgumentException()
        {
            byte[] payload = Encoding.UTF8.GetBytes("{\"sub\":\"1\"}");
            Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.Encode(payload, Key, new byte[10])).ParamName);
        }

        [Fact]
        public void TryEncode_StillThrowsForAPayloadThatIsNotAJsonObject()
        {
            // A bad payload is a mistake of the caller, not a short buffer: no size would make it succeed.
            Assert.Throws<ArgumentException>(() => MiniJwt.Jwt.TryEncode("[1]"u8, Key, new byte[512], out _));
        }

        [Fact]
        public void TryReadHeaderUnverified_UsesTheSameChecksAsVerification()
        {
            string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("1"), JwtKey.FromSecret(JwtAlgorithm.HS256, TestKeys.Secret64, keyId: "k1"));
            Assert.True(MiniJwt.Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out JwtError error), error.ToString());
            Assert.Equal("k1", header.KeyId);
            Assert.Equal(JwtAlgorithm.HS256, header.Algorithm);

            Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified(null, out _, out error));
            Assert.Equal(JwtErrorCode.Empty, error.Code);
            Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified(token, out _, out error, maxTokenLength: token.Length - 1));
            Assert.Equal(JwtErrorCode.TokenTooLarge, error.Code);
            Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified("é" + token, out _, out error));
            Assert.Equal(JwtErrorCode.Malformed, error.Code);
            Assert.False(MiniJwt.Jwt.TryReadHeaderUnverified("e30." + token, out _, out error));
            Assert.Equal(JwtErrorCode.Malformed, error.Code);
        }
    }

    /// <summary>The asynchronous decode against a remote key set.</summary>
    public class AsyncDecode
    {
        // ---- The asynchronous decode against a remote key set (a real server on 127.0.0.1) ----

        private static readonly JwtValidationOptions Es256 = new(JwtAlgorithm.ES256);

        private static (JwksTestServer Server, RemoteJwtKeySet Remote) RemoteSet(params JwtKey[] published)
        {
            var server = new JwksTestServer();
            server.Publish(published);
            return (server, RemoteJwtKeySet.FromJwksUri(server.JwksUri, new RemoteJwtKeySetOptions { TimeProvider = new ManualTimeProvider() }));
        }

        [Fact]
        public async System.Threading.Tasks.Task DecodeAsync_waits_for_the_refresh_that_brings_a_new_kid()
        {
            JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1"), k2 = Keys.RemoteJwtKeySetTests.NewKey("k2");
            (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(k1);
            using (server)
            using (remote)
            {
                // No copy yet: the first decode waits for the first fetch.
                JwtToken token = await MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1, "a"), remote.KeySet, Es256, TestContext.Current.CancellationToken);
                Assert.Equal("a", token.Subject);
                Assert.Equal(1, server.JwksRequests);

                // A known kid: completed at once, no request.
                System.Threading.Tasks.Task<JwtToken> known = MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1), remote.KeySet, Es256, TestContext.Current.CancellationToken);
                Assert.True(known.IsCompletedSuccessfully);
                Assert.Equal(1, server.JwksRequests);

                // A new kid within the cooldown: refused (KeyNotFound), no request; the synchronous decode says the same.
                server.Publish(k1, k2);
                string fresh = Keys.RemoteJwtKeySetTests.TokenFor(k2, "b");
                JwtException refused = await Assert.ThrowsAsync<JwtException>(() => MiniJwt.Jwt.DecodeAsync(fresh, remote.KeySet, Es256, TestContext.Current.CancellationToken));
                Assert.Equal(JwtErrorCode.KeyNotFound, refused.Code);
                Assert.Equal(1, server.JwksRequests);
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task DecodeAsync_after_the_cooldown_fetches_once_and_verifies_the_new_kid()
        {
            JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1"), k2 = Keys.RemoteJwtKeySetTests.NewKey("k2");
            var clock = new ManualTimeProvider();
            using var server = new JwksTestServer();
            server.Publish(k1);
            using RemoteJwtKeySet remote = RemoteJwtKeySet.FromJwksUri(server.JwksUri, new RemoteJwtKeySetOptions { TimeProvider = clock });
            Assert.True(await remote.RefreshAsync(TestContext.Current.CancellationToken));
            server.Publish(k1, k2);
            clock.Advance(TimeSpan.FromSeconds(30));

            string fresh = Keys.RemoteJwtKeySetTests.TokenFor(k2, "b");
            Assert.Equal("b", (await MiniJwt.Jwt.DecodeAsync(fresh, remote.KeySet, Es256, TestContext.Current.CancellationToken)).Subject);
            Assert.Equal(2, server.JwksRequests);
            Assert.True(MiniJwt.Jwt.TryDecode(fresh, remote.KeySet, Es256, out _, out _));
        }

        [Fact]
        public async System.Threading.Tasks.Task DecodeAsync_with_no_good_set_refuses_with_KeySetUnavailable()
        {
            (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(Keys.RemoteJwtKeySetTests.NewKey("k1"));
            using (server)
            using (remote)
            {
                server.Mode = JwksServerMode.Error500;
                string token = Keys.RemoteJwtKeySetTests.TokenFor(Keys.RemoteJwtKeySetTests.NewKey("k1"));
                JwtException refused = await Assert.ThrowsAsync<JwtException>(() => MiniJwt.Jwt.DecodeAsync(token, remote.KeySet, Es256, TestContext.Current.CancellationToken));
                Assert.Equal(new JwtError(JwtErrorCode.KeySetUnavailable), refused.Error);
                Assert.False(MiniJwt.Jwt.TryDecode(token, remote.KeySet, Es256, out _, out JwtError error));
                Assert.Equal(JwtErrorCode.KeySetUnavailable, error.Code);
                Assert.Equal(1, server.JwksRequests);
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task WaitForKeyAsync_fetches_nothing_for_an_unreadable_token_or_an_algorithm_outside_the_allow_list()
        {
            (JwksTestServer server, RemoteJwtKeySet remote) = RemoteSet(Keys.RemoteJwtKeySetTests.NewKey("k1"));
            using (server)
            using (remote)
            {
                await MiniJwt.Jwt.WaitForKeyAsync("not.a.token", remote.KeySet, Es256, TestContext.Current.CancellationToken);
                await MiniJwt.Jwt.WaitForKeyAsync(null, remote.KeySet, Es256, TestContext.Current.CancellationToken);
                string rs256 = MiniJwt.Jwt.Encode("{}"u8, TestKeys.For(JwtAlgorithm.RS256, "r"));
                await MiniJwt.Jwt.WaitForKeyAsync(rs256, remote.KeySet, Es256, TestContext.Current.CancellationToken);
                await remote.PendingRefresh;
                Assert.Equal(0, server.JwksRequests);

                await MiniJwt.Jwt.WaitForKeyAsync(Keys.RemoteJwtKeySetTests.TokenFor(Keys.RemoteJwtKeySetTests.NewKey("k9")), remote.KeySet, Es256, TestContext.Current.CancellationToken);
                Assert.Equal(1, server.JwksRequests);
            }
        }

        [Fact]
        public async System.Threading.Tasks.Task DecodeAsync_with_a_set_given_directly_is_the_synchronous_decode()
        {
            JwtKey k1 = Keys.RemoteJwtKeySetTests.NewKey("k1");
            var set = new JwtKeySet(k1.ToPublicKey());
            System.Threading.Tasks.Task<JwtToken> good = MiniJwt.Jwt.DecodeAsync(Keys.RemoteJwtKeySetTests.TokenFor(k1, "s"), set, Es256, TestContext.Current.CancellationToken);
            Assert.True(good.IsCompletedSuccessfully);
            Assert.Equal("s", (await good).Subject);

            System.Threading.Tasks.Task<JwtToken> bad = MiniJwt.Jwt.DecodeAsync("x.y.z", set, Es256, TestContext.Current.CancellationToken);
            Assert.True(bad.IsFaulted);
            Assert.NotEqual(JwtErrorCode.None, (await Assert.ThrowsAsync<JwtException>(() => bad)).Code);
            Assert.Throws<ArgumentNullException>(() => { _ = MiniJwt.Jwt.DecodeAsync("x", null!, Es256, TestContext.Current.CancellationToken); });
        }
    }

    [Fact]
    public void TryValidate_OnBytes_AllocatesNothing_AndGivesTheVerdictOfTryDecode()
    {
        var options = new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"] };
        byte[] token = Encoding.ASCII.GetBytes(MiniJwt.Jwt.Encode(
            new JwtClaims().Subject("alice").Audience("api").ExpiresAt(DateTimeOffset.UtcNow.AddHours(1)), Key));
        byte[] subject = new byte[64];
        for (int i = 0; i < 3; i++)
        {
            // Warm: the first calls fill the key's header cache and static state.
            Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, out _));
            Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, subject, out _, out _, out _));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool valid = MiniJwt.Jwt.TryValidate(token, Key, options, out JwtError error);
        bool withClaims = MiniJwt.Jwt.TryValidate(token, Key, options, subject, out int length, out DateTimeOffset? exp, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid, error.Message);
        Assert.True(withClaims);
        Assert.Equal(0, allocated);
        Assert.Equal("alice", Encoding.UTF8.GetString(subject, 0, length));
        Assert.NotNull(exp);

        byte[] tampered = Encoding.ASCII.GetBytes(Tokens.TamperSignature(Encoding.ASCII.GetString(token)));
        Assert.False(MiniJwt.Jwt.TryValidate(tampered, Key, options, out error));
        Assert.False(MiniJwt.Jwt.TryDecode(tampered, Key, options, out _, out JwtError decodeError));
        Assert.Equal(decodeError, error);
        Assert.False(MiniJwt.Jwt.TryValidate(tampered, Key, options, subject, out length, out exp, out _));
        Assert.Equal(-1, length);
        Assert.Null(exp);
    }

    // A payload cut right after a member's colon once read past its end in the compact fast path: encoding it is an
    // ArgumentException, and a signed one is refused as InvalidJson, never a stray exception.
    [Theory]
    [InlineData("{\"exp\":")]
    [InlineData("{\"a\":1,\"b\":")]
    [InlineData("{\"a\":{\"b\":")]
    public void A_payload_cut_after_a_colon_is_refused_cleanly(string payload)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(payload);
        Assert.Throws<ArgumentException>("utf8JsonPayload", () => MiniJwt.Jwt.Encode(bytes, Key));
        string token = Jws.Sign(bytes, Key, "JWT");
        Assert.False(MiniJwt.Jwt.TryDecode(token, Key, new JwtValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
        Assert.False(MiniJwt.Jwt.TryValidate(Encoding.ASCII.GetBytes(token), Key, new JwtValidationOptions(JwtAlgorithm.HS256), out error));
        Assert.Equal(JwtErrorCode.InvalidJson, error.Code);
    }

    // The subject TryValidate copies (decoding only the groups that hold it) is the one TryDecode reads, wherever it lies
    // in the payload and however it is spelled: plain, escaped, non-ASCII.
    [Property(MaxTest = 300, Arbitrary = [typeof(Properties.PropertyGenerators)])]
    public void TryValidate_CopiesTheSubjectTryDecodeReads(NonNull<string> subject, byte padding, bool escapeAll)
    {
        string text = subject.Get;
        if (!Utf16Text.IsWellFormed(text))
        {
            return;
        }

        string sub = escapeAll
            ? string.Concat(Array.ConvertAll(text.ToCharArray(), c => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)))
            : JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();
        string payload = "{\"p\":\"" + new string('x', padding % 7) + "\",\"sub\":\"" + sub + "\",\"exp\":4102444800}";
        byte[] token = Encoding.ASCII.GetBytes(Jws.Sign(Encoding.UTF8.GetBytes(payload), Key, "JWT"));
        var options = new JwtValidationOptions(JwtAlgorithm.HS256);
        Assert.True(MiniJwt.Jwt.TryDecode(token, Key, options, out JwtToken decoded, out _));
        byte[] expected = Encoding.UTF8.GetBytes(decoded.Subject!);

        byte[] destination = new byte[token.Length];
        Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, destination, out int length, out _, out _));
        Assert.Equal(expected.Length, length);
        Assert.Equal(expected, destination[..length]);

        byte[] tooSmall = new byte[Math.Max(0, expected.Length - 1)];
        Assert.True(MiniJwt.Jwt.TryValidate(token, Key, options, tooSmall, out length, out _, out _));
        Assert.Equal(expected.Length, length);
        Assert.All(tooSmall, b => Assert.Equal(0, b));
    }
}
