using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using MiniJwt.Tests.Support;
using Xunit;
using static MiniJwt.Tests.Support.RoundTripData;

namespace MiniJwt.Tests.JwsLayer;

public class JwsHeaderWriterTests
{
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
}
