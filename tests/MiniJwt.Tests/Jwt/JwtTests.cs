using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwtLayer;

public class JwtTests
{
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
}
