using System;
using System.Text;
using MiniJwt.Tests.Support;
using Xunit;

namespace MiniJwt.Tests.JwsLayer;

public class JwsTokenTests
{
    [Fact]
    public void AVerifiedToken_ShowsItsPayloadWithoutDecodingItAgainAndAgain()
    {
        byte[] payload = [0x00, 0xFF, 0x2E, 0x7B];
        string token = MiniJwt.Jws.Sign(payload, TestKeys.Hs256, "JWT");
        Assert.True(MiniJwt.Jws.TryVerify(token, TestKeys.Hs256, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out JwtError error), error.ToString());
        Assert.Equal(token, jws.Token);
        Assert.Equal(payload.Length, jws.PayloadLength);
        Assert.Equal(payload, jws.GetPayload());
        Assert.Equal(token.Split('.')[1], jws.EncodedPayload.ToString());
        byte[] destination = new byte[payload.Length + 2];
        Assert.Equal(payload.Length, jws.CopyPayloadTo(destination));
        Assert.Equal(payload, destination[..payload.Length]);
        Assert.Equal("JWT", jws.Header.Type);
        Assert.Equal(JwtAlgorithm.HS256, jws.Header.Algorithm);
    }

    [Fact]
    public void TheDefaultToken_IsEmpty()
    {
        JwsToken empty = default;
        Assert.Equal(string.Empty, empty.Token);
        Assert.Equal(0, empty.PayloadLength);
        Assert.Empty(empty.GetPayload());
        Assert.Equal(0, empty.CopyPayloadTo(new byte[4]));
        Assert.True(empty.EncodedPayload.IsEmpty);
    }

    [Fact]
    public void FromBytes_TheTokenTextIsTheSame()
    {
        string token = MiniJwt.Jws.Sign("abc"u8, TestKeys.Hs256);
        Assert.True(MiniJwt.Jws.TryVerify(Encoding.ASCII.GetBytes(token), TestKeys.Hs256, new JwsValidationOptions(JwtAlgorithm.HS256), out JwsToken jws, out _));
        Assert.Equal(token, jws.Token);
        Assert.Equal("abc"u8.ToArray(), jws.GetPayload());
    }
}
