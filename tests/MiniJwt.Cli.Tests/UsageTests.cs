using System;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>Usage mistakes exit 2 with a message that names the argument at fault.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public UsageTests()
    {
        File.WriteAllText(_folder.File("secret.txt"), "a random secret of at least thirty-two bytes!");
        File.WriteAllText(_folder.File("short.txt"), "short");
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--alg", "encode", "--alg", "hs256", "--secret-file", "secret.txt")]
    [InlineData("--alg", "encode", "--alg", "none", "--secret-file", "secret.txt")]
    [InlineData("--alg", "encode", "--secret-file", "secret.txt")]
    [InlineData("--key", "encode", "--alg", "HS256")]
    [InlineData("--key", "encode", "--alg", "HS256", "--key", "missing.pem")]
    [InlineData("--secret-file", "encode", "--alg", "HS256", "--secret-file", "short.txt")]
    [InlineData("--secret-env", "encode", "--alg", "HS256", "--secret-env", "MINIJWT_TEST_UNSET_VARIABLE")]
    [InlineData("--exp-in", "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--exp-in", "soon")]
    [InlineData("--now", "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--now", "yesterday")]
    [InlineData("--claims", "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--claims", "[1,2]")]
    [InlineData("--claim", "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--claim", "noequals")]
    [InlineData("--sub", "encode", "--alg", "HS256", "--secret-file", "secret.txt", "--claims", "{\"sub\":\"1\"}", "--sub", "2")]
    [InlineData("--key", "encode", "--alg", "RS256", "--key", "secret.txt")]
    [InlineData("TOKEN", "verify", "--secret-file", "secret.txt")]
    [InlineData("TOKEN", "decode")]
    [InlineData("--leeway", "verify", "x.y.z", "--secret-file", "secret.txt", "--leeway", "2d")]
    [InlineData("--alg", "verify", "x.y.z", "--secret-file", "secret.txt", "--alg", "ES256")]
    [InlineData("--bits", "keygen", "--alg", "RS256", "--bits", "1024")]
    [InlineData("--bits", "keygen", "--alg", "ES256", "--bits", "4096")]
    [InlineData("--frobnicate", "verify", "x.y.z", "--frobnicate")]
    [InlineData("nonsense", "nonsense")]
    public void Mistake_exits_2_naming_the_argument(string argument, params string[] args)
    {
        ToolResult result = Tool.Run(_folder.Path, null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(argument, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Public_key_cannot_sign()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--out", "ec").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "ES256", "--key", "ec.pub.pem", "--exp-in", "1h");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--key: a public key cannot sign", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_of_another_curve_is_refused_naming_the_key()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES384", "--out", "ec").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "ES256", "--key", "ec.pem", "--exp-in", "1h");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--key: ES256 cannot use this key", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Mistake_in_json_mode_is_one_object_naming_the_argument()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "encode", "--alg", "XX999", "--secret-file", "secret.txt", "--json");

        Assert.Equal(2, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("Usage", json.RootElement.GetProperty("error").GetString());
        Assert.Equal("--alg", json.RootElement.GetProperty("argument").GetString());
    }

    [Fact]
    public void Help_exits_0_and_shows_examples()
    {
        ToolResult root = Tool.Run(_folder.Path, null, "--help");
        ToolResult verify = Tool.Run(_folder.Path, null, "verify", "--help");

        Assert.Equal(0, root.ExitCode);
        Assert.Contains("Examples:", root.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Examples:", verify.Stdout, StringComparison.Ordinal);
        Assert.Contains("minijwt verify", verify.Stdout, StringComparison.Ordinal);
    }
}
