using System;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>keygen: sizes, curves, where the keys go and how they are protected.</summary>
public sealed class KeygenCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("HS256", 32)]
    [InlineData("HS384", 48)]
    [InlineData("HS512", 64)]
    public void Secret_is_Base64Url_of_the_hash_size(string alg, int bytes)
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", alg);

        Assert.Equal(0, result.ExitCode);
        string secret = result.Stdout.Trim();
        Assert.Matches("^[A-Za-z0-9_-]+$", secret);
        Assert.Equal((bytes * 8 + 5) / 6, secret.Length);
    }

    [Theory]
    [InlineData("ES256", 256)]
    [InlineData("ES384", 384)]
    [InlineData("ES512", 521)]
    [InlineData("RS256", 2048)]
    public void Key_has_the_algorithms_size(string alg, int bits)
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", alg, "--json");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        string pem = json.RootElement.GetProperty("privateKeyPem").GetString()!;
        JwtKey key = JwtKey.FromPem(Enum.Parse<JwtAlgorithm>(alg), pem);
        Assert.Equal(bits, key.KeySizeInBits);
        Assert.True(key.CanSign);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", json.RootElement.GetProperty("publicKeyPem").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_size_can_be_chosen()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", "PS256", "--bits", "3072", "--out", "big");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3072, JwtKey.FromPem(JwtAlgorithm.PS256, File.ReadAllText(_folder.File("big.pub.pem"))).KeySizeInBits);
    }

    [Fact]
    public void Private_files_are_for_the_owner_only_and_never_overwritten()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--out", "k").ExitCode);
        string before = File.ReadAllText(_folder.File("k.pem"));

        ToolResult again = Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--out", "k");

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("--out", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(_folder.File("k.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.File("k.pem")));
        }
    }
}
