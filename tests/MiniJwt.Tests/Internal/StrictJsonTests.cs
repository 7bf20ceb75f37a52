using System;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MiniJwt.Tests.Internal;

public class StrictJsonTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"a\":1}")]
    [InlineData("{\"a\":{\"b\":[1,{\"c\":null}]},\"d\":\"\\u00e9\\ud83d\\ude00\"}")]
    [InlineData(" {\"a\":1} ")]
    public void AStrictObject_Passes(string json)
    {
        Assert.Equal(JwtErrorCode.None, Read(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1]")]
    [InlineData("\"a\"")]
    [InlineData("{\"a\":1} {}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"a\":[\"x\\ud800\"]}")]
    public void AnythingElse_IsInvalidJson(string json)
    {
        Assert.Equal(JwtErrorCode.InvalidJson, Read(json));
    }

    [Fact]
    public void AByteOrderMarkOrBadUtf8_IsInvalidJson()
    {
        Assert.Equal(JwtErrorCode.InvalidJson, Read([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']));
        Assert.Equal(JwtErrorCode.InvalidJson, Read([(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"o\":{\"x\":1,\"x\":2}}")]
    [InlineData("{\"l\":[{\"x\":1,\"x\":2}]}")]
    public void ARepeatedName_AtAnyDepth_IsDuplicateMember(string json)
    {
        Assert.Equal(JwtErrorCode.DuplicateMember, Read(json));
    }

    [Fact]
    public void TheDepthLimit_IsTheReadersMaximumDepth()
    {
        Assert.Equal(JwtErrorCode.None, Read("{\"a\":[[1]]}", maxDepth: 3));
        Assert.Equal(JwtErrorCode.InvalidJson, Read("{\"a\":[[[1]]]}", maxDepth: 3));
    }

    [Fact]
    public void TheVisitor_SeesEachTopLevelMemberOnce_WithTheReaderOnItsValue()
    {
        var visitor = default(NameCounter);
        Assert.Equal(JwtErrorCode.None, StrictJson.ReadObject("{\"a\":1,\"b\":{\"a\":2},\"\\u0063\":[3]}"u8, 16, ref visitor));
        Assert.Equal("a:Number b:StartObject c:StartArray ", visitor.Seen);
    }

    private static JwtErrorCode Read(string json, int maxDepth = 16) => Read(Encoding.UTF8.GetBytes(json), maxDepth);

    private static JwtErrorCode Read(byte[] json, int maxDepth = 16)
    {
        var visitor = default(NoMemberVisitor);
        return StrictJson.ReadObject(json, maxDepth, ref visitor);
    }

    private struct NameCounter : IJsonMemberVisitor
    {
        public string Seen;

        public void Visit(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader reader) =>
            Seen += Encoding.UTF8.GetString(name) + ":" + reader.TokenType + " ";
    }
}
