using System;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>decode: shows any token, always says NOT VERIFIED, and names the malformed part.</summary>
public sealed class DecodeCommandTests : IDisposable
{
    // {"alg":"HS256","typ":"JWT"} . {"sub":"42","exp":1700003600,"iat":1700000000} . a signature of 32 zero bytes
    private const string Token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAwMDAwMDAwfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Shows_header_payload_and_times_relative_to_now()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "decode", Token, "--now", "1700000060");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("NOT VERIFIED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"sub\": \"42\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("exp: 2023-11-14 23:13:20 UTC (expires in 59 min)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("iat: 2023-11-14 22:13:20 UTC (issued 1 min ago)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("signature: 32 bytes", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_standard_input_and_says_expired()
    {
        ToolResult result = Tool.Run(_folder.Path, "  " + Token + "\n", "decode", "-", "--now", "1700014400");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("expired 3 h ago", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", "token: 1 segment")]
    [InlineData("a.b.c.d.e", "encrypted token (JWE)")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30=.AAAA", "payload: padding '='")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.AA*A", "signature: character 3")]
    [InlineData("bm90IGpzb24.e30.AAAA", "header: not a well-formed UTF-8 JSON object")]
    [InlineData("WzFd.e30.AAAA", "header: JSON, but not an object")]
    [InlineData("eyJhIjoxLCJhIjoyfQ.e30.AAAA", "header: not a well-formed UTF-8 JSON object")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.", "signature: empty")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e31.AAAA", "payload: not canonical Base64Url")]
    public void Malformed_part_is_named_and_exits_1(string token, string problem)
    {
        ToolResult result = Tool.Run(_folder.Path, null, "decode", token);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("NOT VERIFIED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(problem, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_mode_is_one_object_marked_not_verified()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "decode", Token, "--json", "--now", "1700000060");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal("HS256", json.RootElement.GetProperty("header").GetProperty("alg").GetString());
        Assert.Equal("expires in 59 min", json.RootElement.GetProperty("times").GetProperty("exp").GetProperty("relative").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("malformed").GetArrayLength());
    }
}
