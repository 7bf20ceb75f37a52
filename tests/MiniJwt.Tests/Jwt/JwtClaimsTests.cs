using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

/// <summary>Tests of <c>JwtClaims</c>, grouped by the suite they came from.</summary>
public class JwtClaimsTests
{
    public class ClaimsAndToken
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
    }

    public class Findings
    {
        [Fact]
        public void Finding03_UnpairedSurrogateInSubject_Throws()
        {
            // It used to become U+FFFD: "x\uD800" and "x\uDFFF" gave one and the same token.
            // (Not an [InlineData]: attribute strings cannot carry a lone surrogate.)
            foreach (string subject in new[] { "x\ud800", "x\udfff", "\udc00x", "\ud800\ud800" })
            {
                ArgumentException e = Assert.Throws<ArgumentException>(() => new JwtClaims().Subject(subject));
                Assert.Equal("value", e.ParamName);
            }
        }

        [Fact]
        public void Finding03_UnpairedSurrogateInAnyClaimNameOrString_Throws()
        {
            Assert.Equal("name", Assert.Throws<ArgumentException>(() => new JwtClaims().Add("n\ud800", 1)).ParamName);
            Assert.Throws<ArgumentException>(() => new JwtClaims().Add("list", new[] { "ok", "x\udfff" }));
            Assert.Throws<ArgumentException>(() => new JwtClaims().Add("obj", new Dictionary<string, object?> { ["k\ud800"] = 1 }));
            Assert.Throws<ArgumentException>(() => new JwtClaims().Issuer("\ud800"));
            Assert.Throws<ArgumentException>(() => new JwtClaims().Audiences(["a", "\udfff"]));
        }

        [Fact]
        public void PairedSurrogatesAreWrittenAndReadBack()
        {
            JwtKey key = TestKeys.Hs256;
            string token = MiniJwt.Jwt.Encode(new JwtClaims().Subject("x\ud83d\ude00").ExpiresAt(DateTimeOffset.UtcNow.AddMinutes(5)), key);
            JwtToken jwt = MiniJwt.Jwt.Decode(token, key, new JwtValidationOptions(JwtAlgorithm.HS256));
            Assert.Equal("x\ud83d\ude00", jwt.Subject);
        }
    }
}
