using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.Keys;

/// <summary>
/// <see cref="JwtKey.FromJwk(string, JwtAlgorithm?, bool)"/>: the published JWKs of RFC 7517 and RFC 7520, then one test
/// per strictness rule (each input breaks exactly one rule of a JWK that is otherwise accepted).
/// </summary>
public class JwkReaderTests
{
    // ---- The published keys ----

    [Fact]
    public void Rfc7517_A1_public_keys()
    {
        JwtKey rsa = JwtKey.FromJwk(RfcJwks.A1Rsa);
        Assert.Equal(JwtAlgorithm.RS256, rsa.Algorithm);
        Assert.Equal("2011-04-29", rsa.KeyId);
        Assert.False(rsa.CanSign);
        Assert.Equal(2048, rsa.KeySizeInBits);

        // The EC key is for encryption ("use":"enc"); with use "sig" it is a P-256 key for ES256.
        AssertRefused(RfcJwks.A1Ec, "encryption", JwtAlgorithm.ES256);
        JwtKey ec = JwtKey.FromJwk(With(RfcJwks.A1Ec, "use", "sig"), JwtAlgorithm.ES256);
        Assert.Equal(JwtAlgorithm.ES256, ec.Algorithm);
        Assert.Equal("1", ec.KeyId);
        Assert.False(ec.CanSign);
    }

    [Fact]
    public void Rfc7517_A2_private_keys_sign_what_the_public_keys_verify()
    {
        JwtKey rsa = JwtKey.FromJwk(RfcJwks.A2Rsa);
        Assert.True(rsa.CanSign);
        Assert.True(rsa.PublicKeyEquals(JwtKey.FromJwk(RfcJwks.A1Rsa)));
        AssertSignsFor(rsa, JwtKey.FromJwk(RfcJwks.A1Rsa));

        JwtKey ec = JwtKey.FromJwk(With(RfcJwks.A2Ec, "use", "sig"), JwtAlgorithm.ES256);
        JwtKey ecPublic = JwtKey.FromJwk(With(RfcJwks.A1Ec, "use", "sig"), JwtAlgorithm.ES256);
        Assert.True(ec.CanSign);
        AssertSignsFor(ec, ecPublic);
    }

    [Fact]
    public void Rfc7517_A3_symmetric_keys()
    {
        // A128KW is a key-wrapping algorithm, not a JWS one.
        AssertRefused(RfcJwks.A3Aes, "alg");

        // The HMAC key of RFC 7515 A.1 has no alg: the caller names it, and it verifies that appendix's token.
        JwtKey hmac = JwtKey.FromJwk(RfcJwks.A3Hmac, JwtAlgorithm.HS256);
        Assert.Equal("HMAC key used in JWS spec Appendix A.1 example", hmac.KeyId);
        Assert.Equal(512, hmac.KeySizeInBits);
        const string A1Token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        Assert.True(Jws.TryVerify(A1Token, hmac, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error), error.ToString());
    }

    [Fact]
    public void Rfc7517_B_key_with_x5c_is_read_for_its_n_and_e()
    {
        JwtKey key = JwtKey.FromJwk(RfcJwks.BRsa, JwtAlgorithm.RS256);
        Assert.Equal("1b94c", key.KeyId);
        Assert.Equal(2048, key.KeySizeInBits);
    }

    [Fact]
    public void Rfc7517_C1_private_key_is_an_encryption_key()
    {
        AssertRefused(RfcJwks.C1Rsa, "encryption", JwtAlgorithm.RS256);
        JwtKey key = JwtKey.FromJwk(Without(RfcJwks.C1Rsa, "use"), JwtAlgorithm.PS256);
        Assert.True(key.CanSign);
        Assert.Equal("juliet@capulet.lit", key.KeyId);
        AssertSignsFor(key, key.ToPublicKey());
    }

    [Fact]
    public void Rfc7520_section3_keys_verify_the_section4_tokens()
    {
        JwtKey rsa = JwtKey.FromJwk(RfcJwks.R3_4Rsa, JwtAlgorithm.RS256);
        Assert.Equal("bilbo.baggins@hobbiton.example", rsa.KeyId);
        const string Figure13 = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4.MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
        Assert.True(Jws.TryVerify(Figure13, rsa.ToPublicKey(), new JwsValidationOptions(JwtAlgorithm.RS256), out _, out JwtError error), error.ToString());

        JwtKey ec = JwtKey.FromJwk(RfcJwks.R3_2Ec, JwtAlgorithm.ES512);
        Assert.True(ec.CanSign);
        Assert.Equal(521, ec.KeySizeInBits);
        AssertSignsFor(ec, JwtKey.FromJwk(Without(RfcJwks.R3_2Ec, "d"), JwtAlgorithm.ES512));

        JwtKey hmac = JwtKey.FromJwk(RfcJwks.R3_5Oct);
        Assert.Equal(JwtAlgorithm.HS256, hmac.Algorithm);
        Assert.Equal("018c0ae5-4d9b-471b-bfd6-eef314bc7037", hmac.KeyId);

        AssertRefused(RfcJwks.R3_6Oct, "encryption");
    }

    [Fact]
    public void Utf8_overload_and_Try_forms_agree_with_the_string_form()
    {
        JwtKey fromBytes = JwtKey.FromJwk(Encoding.UTF8.GetBytes(RfcJwks.A1Rsa));
        Assert.True(fromBytes.PublicKeyEquals(JwtKey.FromJwk(RfcJwks.A1Rsa)));
        Assert.True(JwtKey.TryFromJwk(RfcJwks.A1Rsa, null, false, out JwtKey? key));
        Assert.True(key.PublicKeyEquals(fromBytes));
        Assert.True(JwtKey.TryFromJwk(Encoding.UTF8.GetBytes(RfcJwks.A1Rsa), null, false, out key));
        Assert.False(JwtKey.TryFromJwk((string?)null, null, false, out key));
        Assert.Null(key);
        Assert.Throws<ArgumentNullException>(() => JwtKey.FromJwk((string)null!));
    }

    // ---- Strictness rules, one test each ----

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"kty\"")]
    [InlineData("{\"kty\":\"oct\"")]
    [InlineData("{\"kty\":\"oct\",}")]
    [InlineData("{'kty':'oct'}")]
    public void Rule_json_is_one_well_formed_object(string json)
    {
        AssertRefused(json, "JSON object");
    }

    [Fact]
    public void Rule_nothing_follows_the_object()
    {
        AssertRefused(RfcJwks.A1Rsa + "{}", "JSON object");
    }

    [Fact]
    public void Rule_text_is_strict_utf8_without_bom()
    {
        byte[] json = Encoding.UTF8.GetBytes(RfcJwks.A1Rsa);
        Assert.False(JwtKey.TryFromJwk([0xEF, 0xBB, 0xBF, .. json], null, false, out _));
        byte[] broken = (byte[])json.Clone();
        broken[^3] = 0xC3;
        Assert.False(JwtKey.TryFromJwk(broken, null, false, out _));
        Assert.False(JwtKey.TryFromJwk("{\"kty\":\"oct\",\"kid\":\"\uD800\"}", JwtAlgorithm.HS256, false, out _));
        AssertRefused("{\"kty\":\"RSA\",\"kid\":\"\\uD800\",\"n\":\"AQAB\",\"e\":\"AQAB\"}", "JSON object", JwtAlgorithm.RS256);
    }

    [Theory]
    [InlineData("kid")]
    [InlineData("n")]
    [InlineData("foo")]
    public void Rule_member_names_are_unique(string member)
    {
        string json = RfcJwks.A1Rsa.Insert(1, "\"" + member + "\":\"AQAB\",");
        if (member == "foo")
        {
            json = json.Insert(1, "\"foo\":[],");
        }

        AssertRefused(json, "repeats a member");
    }

    [Fact]
    public void Rule_member_names_are_unique_also_when_escaped_and_nested()
    {
        AssertRefused(RfcJwks.A1Rsa.Insert(1, "\"\\u006b\\u0069\\u0064\":\"x\","), "repeats a member");
        AssertRefused(RfcJwks.A1Rsa.Insert(1, "\"ext\":{\"a\":1,\"a\":2},"), "repeats a member");
    }

    [Fact]
    public void Rule_kty_is_required()
    {
        AssertRefused(Without(RfcJwks.A1Rsa, "kty"), "no 'kty'");
    }

    [Fact]
    public void Rule_kty_OKP_is_refused_saying_EdDSA_is_not_supported()
    {
        AssertRefused("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}", "EdDSA is not supported");
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    [InlineData("OCT")]
    [InlineData("DSA")]
    public void Rule_kty_is_RSA_EC_or_oct_exactly(string kty)
    {
        AssertRefused(With(RfcJwks.A1Rsa, "kty", kty), "kty");
    }

    [Theory]
    [InlineData("kty", "1")]
    [InlineData("alg", "null")]
    [InlineData("kid", "7")]
    [InlineData("use", "[\"sig\"]")]
    [InlineData("n", "{}")]
    [InlineData("e", "65537")]
    [InlineData("key_ops", "\"verify\"")]
    [InlineData("key_ops", "[\"verify\",1]")]
    public void Rule_members_have_their_JSON_types(string member, string value)
    {
        JsonObject node = Parse(RfcJwks.A1Rsa);
        node[member] = JsonNode.Parse(value);
        AssertRefused(node.ToJsonString(), "'" + member + "' is not");
    }

    [Theory]
    [InlineData("AQAB=")]
    [InlineData("AQA+")]
    [InlineData("AQ/B")]
    [InlineData("AQ AB")]
    [InlineData(" AQAB")]
    [InlineData("AQB")]
    [InlineData("AQABA")]
    public void Rule_values_are_strict_Base64Url(string e)
    {
        // "AQB": two bytes whose last character carries non-zero unused bits (not canonical); "AQABA": a length of 4k + 1.
        AssertRefused(With(RfcJwks.A1Rsa, "e", e), "Base64Url");
    }

    [Theory]
    [InlineData("n")]
    [InlineData("e")]
    public void Rule_RSA_integers_have_no_leading_zero_octet(string member)
    {
        JsonObject node = Parse(RfcJwks.A1Rsa);
        byte[] value = JwtBase64Url.DecodeFromChars((string)node[member]!);
        node[member] = JwtBase64Url.EncodeToString([0, .. value]);
        AssertRefused(node.ToJsonString(), "minimal octets");
    }

    [Fact]
    public void Rule_RSA_private_integers_have_no_leading_zero_octet()
    {
        JsonObject node = Parse(RfcJwks.A2Rsa);
        node["qi"] = JwtBase64Url.EncodeToString([0, .. JwtBase64Url.DecodeFromChars((string)node["qi"]!)]);
        AssertRefused(node.ToJsonString(), "minimal octets");
    }

    [Fact]
    public void Rule_RSA_needs_n_and_e()
    {
        AssertRefused(Without(RfcJwks.A1Rsa, "e"), "'n' and 'e'");
        AssertRefused(Without(RfcJwks.A1Rsa, "n"), "'n' and 'e'");
    }

    [Theory]
    [InlineData("d")]
    [InlineData("p")]
    [InlineData("q")]
    [InlineData("dp")]
    [InlineData("dq")]
    [InlineData("qi")]
    public void Rule_RSA_private_key_is_whole(string missing)
    {
        AssertRefused(Without(RfcJwks.A2Rsa, missing), "part of a private key");
    }

    [Fact]
    public void Rule_RSA_private_key_alone_without_crt_values_is_refused()
    {
        JsonObject node = Parse(RfcJwks.A2Rsa);
        foreach (string member in (string[])["p", "q", "dp", "dq", "qi"])
        {
            node.Remove(member);
        }

        AssertRefused(node.ToJsonString(), "part of a private key");
    }

    [Theory]
    [InlineData("d")]
    [InlineData("dp")]
    [InlineData("dq")]
    [InlineData("qi")]
    public void Rule_RSA_private_values_belong_together(string member)
    {
        // Swap in the value of RFC 7517 C.1's key: same sizes, another key.
        JsonObject other = Parse(RfcJwks.C1Rsa);
        JsonObject node = Parse(RfcJwks.A2Rsa);
        node[member] = (string)other[member]!;
        AssertRefused(node.ToJsonString(), "do not belong together");
    }

    [Fact]
    public void Rule_RSA_private_key_belongs_to_its_public_key()
    {
        JsonObject node = Parse(RfcJwks.C1Rsa);
        node.Remove("use");
        node["n"] = (string)Parse(RfcJwks.A2Rsa)["n"]!;
        AssertRefused(node.ToJsonString(), "do not belong together", JwtAlgorithm.RS256);
    }

    [Fact]
    public void Rule_RSA_multi_prime_oth_is_refused()
    {
        AssertRefused(RfcJwks.A2Rsa.Insert(1, "\"oth\":[],"), "multi-prime");
    }

    [Fact]
    public void Rule_RSA_key_of_at_least_2048_bits_unless_weak_keys_are_allowed()
    {
        using RSA small = RSA.Create(1024);
        string json = JwtKey.FromRsa(JwtAlgorithm.RS256, small, allowWeakKey: true).ToJwk();
        AssertRefused(json, "2048");
        Assert.Equal(1024, JwtKey.FromJwk(json, allowWeakKey: true).KeySizeInBits);
    }

    [Fact]
    public void Rule_RSA_modulus_is_at_most_16384_bits()
    {
        JsonObject node = Parse(RfcJwks.A1Rsa);
        byte[] huge = new byte[2049];
        huge[0] = 0xC0;
        huge[^1] = 1;
        node["n"] = JwtBase64Url.EncodeToString(huge);
        AssertRefused(node.ToJsonString(), "16384");
    }

    [Theory]
    [InlineData("AQ")]
    [InlineData("Ag")]
    [InlineData("AQAA")]
    public void Rule_RSA_exponent_is_odd_and_at_least_3(string e)
    {
        AssertRefused(With(RfcJwks.A1Rsa, "e", e), "exponent");
    }

    [Theory]
    [InlineData("AQAAAAE", false)] // 2^32 + 1: five octets
    [InlineData("_____w", true)] // 2^32 - 1: the largest accepted
    public void Rule_RSA_exponent_is_below_2_to_the_32_as_for_PEM_keys(string e, bool accepted)
    {
        string json = With(RfcJwks.A1Rsa, "e", e);
        if (accepted)
        {
            Assert.Equal(e, JsonNode.Parse(JwtKey.FromJwk(json, JwtAlgorithm.RS256).ToJwk())!["e"]!.GetValue<string>());
        }
        else
        {
            AssertRefused(json, "below 2^32", JwtAlgorithm.RS256);
        }
    }

    [Fact]
    public void Rule_EC_needs_crv_x_and_y()
    {
        string sig = With(RfcJwks.A1Ec, "use", "sig");
        AssertRefused(Without(sig, "crv"), "no 'crv'", JwtAlgorithm.ES256);
        AssertRefused(Without(sig, "x"), "'x' and 'y'", JwtAlgorithm.ES256);
        AssertRefused(Without(sig, "y"), "'x' and 'y'", JwtAlgorithm.ES256);
    }

    [Theory]
    [InlineData("secp256k1")]
    [InlineData("P-192")]
    [InlineData("p-256")]
    [InlineData("Ed25519")]
    public void Rule_EC_curve_is_P256_P384_or_P521(string crv)
    {
        AssertRefused(With(With(RfcJwks.A1Ec, "use", "sig"), "crv", crv), "crv", JwtAlgorithm.ES256);
    }

    [Theory]
    [InlineData("x", 31)]
    [InlineData("x", 33)]
    [InlineData("y", 31)]
    [InlineData("y", 33)]
    [InlineData("d", 31)]
    [InlineData("d", 33)]
    public void Rule_EC_coordinates_and_d_have_the_full_size(string member, int size)
    {
        JsonObject node = Parse(With(RfcJwks.A2Ec, "use", "sig"));
        byte[] value = JwtBase64Url.DecodeFromChars((string)node[member]!);
        node[member] = JwtBase64Url.EncodeToString(size < value.Length ? value[1..] : [0, .. value]);
        AssertRefused(node.ToJsonString(), "exactly 32 octets", JwtAlgorithm.ES256);
    }

    [Fact]
    public void Rule_EC_point_is_on_the_curve()
    {
        JsonObject node = Parse(With(RfcJwks.A1Ec, "use", "sig"));
        byte[] y = JwtBase64Url.DecodeFromChars((string)node["y"]!);
        y[^1] ^= 1;
        node["y"] = JwtBase64Url.EncodeToString(y);
        AssertRefused(node.ToJsonString(), "not on P-256", JwtAlgorithm.ES256);
    }

    [Fact]
    public void Rule_EC_coordinates_are_field_elements()
    {
        // x = p (the field prime of P-256) is no field element; x = 0 is one but not on the curve with this y.
        JsonObject node = Parse(With(RfcJwks.A1Ec, "use", "sig"));
        node["x"] = JwtBase64Url.EncodeToString(Convert.FromHexString("FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF"));
        AssertRefused(node.ToJsonString(), "not on P-256", JwtAlgorithm.ES256);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551")]
    [InlineData("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF")]
    public void Rule_EC_d_lies_in_1_to_n_minus_1(string hex)
    {
        AssertRefused(With(With(RfcJwks.A2Ec, "use", "sig"), "d", JwtBase64Url.EncodeToString(Convert.FromHexString(hex))), "[1, n", JwtAlgorithm.ES256);
    }

    [Fact]
    public void Rule_EC_d_is_the_private_key_of_the_point()
    {
        using ECDsa other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string d = JwtBase64Url.EncodeToString(other.ExportParameters(true).D);
        AssertRefused(With(With(RfcJwks.A2Ec, "use", "sig"), "d", d), "private key of its point", JwtAlgorithm.ES256);
    }

    [Fact]
    public void Rule_oct_needs_k_of_the_hash_size_unless_weak_keys_are_allowed()
    {
        AssertRefused(Without(RfcJwks.R3_5Oct, "k"), "no 'k'");
        AssertRefused(With(RfcJwks.R3_5Oct, "k", ""), "empty");
        string short31 = With(RfcJwks.R3_5Oct, "k", JwtBase64Url.EncodeToString(new byte[31].AsSpan()));
        AssertRefused(short31, "below the 32 bytes");
        Assert.Equal(248, JwtKey.FromJwk(short31, allowWeakKey: true).KeySizeInBits);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("EdDSA")]
    [InlineData("ES521")]
    [InlineData("RSA-OAEP")]
    [InlineData("A256GCM")]
    [InlineData("rs256")]
    [InlineData("")]
    public void Rule_alg_is_a_JWS_algorithm_MiniJwt_implements(string alg)
    {
        AssertRefused(With(RfcJwks.A1Rsa, "alg", alg), "alg is not");
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public void Rule_alg_fits_the_key_type(string alg)
    {
        AssertRefused(With(RfcJwks.A1Rsa, "alg", alg), "does not use");
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public void Rule_ES_alg_fits_the_curve(string alg)
    {
        AssertRefused(With(With(RfcJwks.A1Ec, "use", "sig"), "alg", alg), "needs an EC key on");
    }

    [Fact]
    public void Rule_without_alg_the_caller_names_the_algorithm()
    {
        AssertRefused(RfcJwks.A3Hmac, "no 'alg'");
        Assert.Equal(JwtAlgorithm.HS512, JwtKey.FromJwk(RfcJwks.A3Hmac, JwtAlgorithm.HS512).Algorithm);
    }

    [Fact]
    public void Rule_the_callers_algorithm_agrees_with_the_JWKs_alg()
    {
        AssertRefused(RfcJwks.A1Rsa, "bound to RS256 by its alg, not to PS256", JwtAlgorithm.PS256);
        Assert.Equal(JwtAlgorithm.RS256, JwtKey.FromJwk(RfcJwks.A1Rsa, JwtAlgorithm.RS256).Algorithm);
    }

    [Fact]
    public void Rule_the_callers_algorithm_fits_the_key()
    {
        AssertRefused(RfcJwks.A3Hmac, "does not use", JwtAlgorithm.RS256);
        AssertRefused(With(RfcJwks.A1Ec, "use", "sig"), "needs an EC key on P-384", JwtAlgorithm.ES384);
    }

    [Theory]
    [InlineData("enc", "encryption")]
    [InlineData("SIG", "not 'sig'")]
    [InlineData("", "not 'sig'")]
    [InlineData("signature", "not 'sig'")]
    public void Rule_use_is_sig_when_present(string use, string message)
    {
        AssertRefused(With(RfcJwks.A1Rsa, "use", use), message);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[\"encrypt\",\"decrypt\"]")]
    [InlineData("[\"wrapKey\"]")]
    public void Rule_key_ops_allow_sign_or_verify(string ops)
    {
        JsonObject node = Parse(RfcJwks.A2Rsa);
        node["key_ops"] = JsonNode.Parse(ops);
        AssertRefused(node.ToJsonString(), "neither 'sign' nor 'verify'");
    }

    [Fact]
    public void Rule_key_ops_repeat_no_value()
    {
        JsonObject node = Parse(RfcJwks.A1Rsa);
        node["key_ops"] = JsonNode.Parse("[\"verify\",\"verify\"]");
        AssertRefused(node.ToJsonString(), "repeats a value");
    }

    [Fact]
    public void Rule_key_ops_without_sign_make_a_private_JWK_a_verification_key()
    {
        JsonObject node = Parse(RfcJwks.A2Rsa);
        node["key_ops"] = JsonNode.Parse("[\"verify\"]");
        JwtKey key = JwtKey.FromJwk(node.ToJsonString());
        Assert.False(key.CanSign);
        Assert.Throws<InvalidOperationException>(() => Jws.Sign("x"u8, key));
        Assert.DoesNotContain("\"d\"", key.ToJwk(includePrivate: true), StringComparison.Ordinal);

        // A secret keeps its material, but refuses to sign.
        JsonObject secret = Parse(RfcJwks.R3_5Oct);
        secret["key_ops"] = JsonNode.Parse("[\"verify\"]");
        JwtKey hmac = JwtKey.FromJwk(secret.ToJsonString());
        Assert.False(hmac.CanSign);
        Assert.Contains("key_ops", Assert.Throws<InvalidOperationException>(() => Jws.Sign("x"u8, hmac)).Message, StringComparison.Ordinal);
        Assert.Contains(", verify only", hmac.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"key_ops\":[\"verify\"]", hmac.ToJwk(includePrivate: true), StringComparison.Ordinal);
        string token = Jws.Sign("x"u8, JwtKey.FromJwk(RfcJwks.R3_5Oct));
        Assert.True(Jws.TryVerify(token, hmac, new JwsValidationOptions(JwtAlgorithm.HS256), out _, out JwtError error), error.ToString());
    }

    [Fact]
    public void Rule_key_ops_without_verify_make_the_key_verify_nothing()
    {
        JsonObject node = Parse(With(RfcJwks.A2Ec, "use", "sig"));
        node.Remove("use");
        node["key_ops"] = JsonNode.Parse("[\"sign\"]");
        JwtKey key = JwtKey.FromJwk(node.ToJsonString(), JwtAlgorithm.ES256);
        Assert.True(key.CanSign);
        string token = Jws.Sign("x"u8, key);
        Assert.False(Jws.TryVerify(token, key, new JwsValidationOptions(JwtAlgorithm.ES256), out _, out JwtError error));
        Assert.Equal(JwtErrorCode.KeyNotFound, error.Code);

        // Its public half, made on purpose, verifies.
        Assert.True(Jws.TryVerify(token, key.ToPublicKey(), new JwsValidationOptions(JwtAlgorithm.ES256), out _, out error), error.ToString());
    }

    [Fact]
    public void Rule_key_ops_of_only_sign_on_a_public_JWK_are_refused()
    {
        JsonObject node = Parse(RfcJwks.A1Rsa);
        node["key_ops"] = JsonNode.Parse("[\"sign\"]");
        AssertRefused(node.ToJsonString(), "holds no private key");
    }

    [Fact]
    public void Rule_unknown_members_are_ignored()
    {
        string json = RfcJwks.A1Rsa.Insert(1, "\"x5t\":\"abc\",\"ext\":true,\"custom\":{\"deep\":[1,{\"a\":null}]},\"key_ops\":[\"verify\",\"deriveKey\"],");
        Assert.True(JwtKey.FromJwk(json).PublicKeyEquals(JwtKey.FromJwk(RfcJwks.A1Rsa)));
    }

    [Fact]
    public void Rule_escaped_values_are_read_unescaped()
    {
        string json = With(RfcJwks.A1Rsa, "e", "AQAB").Replace("\"AQAB\"", "\"\\u0041QAB\"", StringComparison.Ordinal);
        Assert.Contains("\\u0041QAB", json, StringComparison.Ordinal);
        Assert.True(JwtKey.FromJwk(json).PublicKeyEquals(JwtKey.FromJwk(RfcJwks.A1Rsa)));
    }

    // ---- Helpers ----

    internal static void AssertRefused(string json, string messageFragment, JwtAlgorithm? algorithm = null)
    {
        ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => JwtKey.FromJwk(json, algorithm));
        Assert.IsNotType<ArgumentNullException>(e);
        Assert.Equal("json", e.ParamName);
        Assert.Contains(messageFragment, e.Message, StringComparison.Ordinal);
        Assert.False(JwtKey.TryFromJwk(json, algorithm, false, out JwtKey? key));
        Assert.Null(key);
        ArgumentException utf8 = Assert.ThrowsAny<ArgumentException>(() => JwtKey.FromJwk(Encoding.UTF8.GetBytes(json), algorithm));
        Assert.Equal("utf8Json", utf8.ParamName);
    }

    internal static void AssertSignsFor(JwtKey signer, JwtKey verifier)
    {
        string token = Jws.Sign("payload"u8, signer);
        Assert.True(Jws.TryVerify(token, verifier, new JwsValidationOptions(verifier.Algorithm), out _, out JwtError error), error.ToString());
    }

    internal static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    internal static string With(string json, string member, string value)
    {
        JsonObject node = Parse(json);
        node[member] = value;
        return node.ToJsonString();
    }

    internal static string Without(string json, string member)
    {
        JsonObject node = Parse(json);
        Assert.True(node.Remove(member));
        return node.ToJsonString();
    }
}
