using System;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>encode: the payload built from --claims, the claim options and --claim.</summary>
public sealed class EncodeCommandTests : IDisposable
{
    private const string Secret = "a random secret of at least thirty-two bytes!";
    private readonly TempFolder _folder = new();

    public EncodeCommandTests()
    {
        File.WriteAllText(_folder.File("secret.txt"), Secret);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Claims_from_standard_input_options_and_assignments_in_order()
    {
        ToolResult result = Tool.Run(_folder.Path, """{"scope":["read","write"],"n":1}""",
            "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--claims", "-", "--sub", "42",
            "--aud", "a", "--aud", "b", "--iss", "me", "--now", "1700000000", "--exp-in", "90", "--nbf-in", "-1m", "--iat",
            "--claim", "admin=true", "--claim", "role=admin", "--claim", "ids=[1,2]");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """{"scope":["read","write"],"n":1,"sub":"42","iss":"me","aud":["a","b"],"exp":1700000090,"nbf":1699999940,"iat":1700000000,"admin":true,"role":"admin","ids":[1,2]}""",
            System.Text.Encoding.UTF8.GetString(Payload(result.Stdout.Trim())));
    }

    [Fact]
    public void Kid_goes_to_the_header_and_json_mode_gives_the_token()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--kid", "k1", "--exp-in", "1h", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        string token = json.RootElement.GetProperty("token").GetString()!;
        Assert.True(Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out _));
        Assert.Equal("k1", header.KeyId);
        Assert.Equal(JwtAlgorithm.HS256, header.Algorithm);
    }

    [Fact]
    public void Token_without_exp_is_made_with_a_note()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--sub", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no exp", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_member_in_claims_is_a_usage_mistake()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--claims", """{"a":1,"a":2}""");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--claims", result.Stderr, StringComparison.Ordinal);
    }

    private static byte[] Payload(string token)
    {
        string segment = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(segment.PadRight(segment.Length + ((4 - (segment.Length % 4)) % 4), '='));
    }
}
