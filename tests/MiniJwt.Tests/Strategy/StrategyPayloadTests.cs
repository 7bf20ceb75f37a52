using System.Text;
using MiniJwt.Strategy;
using Xunit;

namespace MiniJwt.Tests.Strategy;

public class StrategyPayloadTests
{
    [Fact]
    public void AudienceMember_IsWrittenOnceAsPythonWritesIt()
    {
        Assert.Equal(",\"aud\":[\"fastapi-users:auth\"]", Encoding.ASCII.GetString(StrategyPayload.WriteAudienceMember(["fastapi-users:auth"])));
        Assert.Equal(",\"aud\":[\"a\",\"b\\\"\\\\\",\"\\u00e9\"]", Encoding.ASCII.GetString(StrategyPayload.WriteAudienceMember(["a", "b\"\\", "é"])));
    }

    [Fact]
    public void Sign_WritesSubAudExp_InThatOrder_WithEnsureAsciiEscapes()
    {
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, "0123456789abcdef0123456789abcdef");
        string token = StrategyPayload.Sign("\u00e9\n\ud83d\ude00", StrategyPayload.WriteAudienceMember(["x"]), 1_700_000_000, key);
        string payload = Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1]));
        Assert.Equal("{\"sub\":\"\\u00e9\\n\\ud83d\\ude00\",\"aud\":[\"x\"],\"exp\":1700000000}", payload);
        Assert.Equal("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", token.Split('.')[0]);
    }

    [Fact]
    public void Sign_WithoutLifetime_WritesNoExp()
    {
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, "0123456789abcdef0123456789abcdef");
        string token = StrategyPayload.Sign("1", StrategyPayload.WriteAudienceMember(["x"]), null, key);
        Assert.Equal("{\"sub\":\"1\",\"aud\":[\"x\"]}", Encoding.UTF8.GetString(JwtBase64Url.DecodeFromChars(token.Split('.')[1])));
    }
}
