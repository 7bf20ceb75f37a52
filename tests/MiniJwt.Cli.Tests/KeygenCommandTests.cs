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

    [Fact]
    public void Out_writes_the_jwks_with_the_kid()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", "PS256", "--kid", "2026-11", "--out", "k");

        Assert.True(result.ExitCode == 0, result.ToString());
        JwtKey privateKey = JwtKey.FromJwk(File.ReadAllText(_folder.File("k.jwk")));
        JwtKey publicKey = JwtKey.FromJwk(File.ReadAllText(_folder.File("k.pub.jwk")));
        Assert.True(privateKey.CanSign);
        Assert.False(publicKey.CanSign);
        Assert.Equal(JwtAlgorithm.PS256, publicKey.Algorithm);
        Assert.Equal("2026-11", publicKey.KeyId);
        Assert.True(publicKey.PublicKeyEquals(JwtKey.FromPem(JwtAlgorithm.PS256, File.ReadAllText(_folder.File("k.pub.pem")))));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.File("k.jwk")));
        }
    }

    [Fact]
    public void Kid_thumbprint_is_the_thumbprint_jwk_computes()
    {
        ToolResult keygen = Tool.Run(_folder.Path, null, "keygen", "--alg", "ES384", "--kid-thumbprint", "--out", "k", "--json");
        Assert.True(keygen.ExitCode == 0, keygen.ToString());

        ToolResult thumbprint = Tool.Run(_folder.Path, null, "jwk", "thumbprint", "k.pub.pem");

        using JsonDocument json = JsonDocument.Parse(keygen.Stdout);
        string expected = thumbprint.Stdout.Trim();
        Assert.Equal(43, expected.Length);
        Assert.Equal(expected, json.RootElement.GetProperty("kid").GetString());
        Assert.Equal(expected, json.RootElement.GetProperty("thumbprint").GetString());
        Assert.Equal(expected, JwtKey.FromJwk(File.ReadAllText(_folder.File("k.pub.jwk"))).KeyId);
        Assert.Equal("k.pub.jwk", json.RootElement.GetProperty("files").GetProperty("publicJwk").GetString());
    }

    [Fact]
    public void Json_without_out_holds_the_jwks()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--kid", "k1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        JwtKey privateKey = JwtKey.FromJwk(json.RootElement.GetProperty("jwk").GetRawText());
        JwtKey publicKey = JwtKey.FromJwk(json.RootElement.GetProperty("publicJwk").GetRawText());
        Assert.True(privateKey.CanSign);
        Assert.True(publicKey.PublicKeyEquals(privateKey));
        Assert.Equal("k1", publicKey.KeyId);
        Assert.Equal(publicKey.ComputeJwkThumbprint(), json.RootElement.GetProperty("thumbprint").GetString());
    }

    [Fact]
    public void Secret_jwk_is_an_oct_key_of_the_secret()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", "HS384", "--out", "h");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(_folder.File("h.pub.jwk")));
        JwtKey fromJwk = JwtKey.FromJwk(File.ReadAllText(_folder.File("h.jwk")));
        Assert.True(fromJwk.PublicKeyEquals(JwtKey.FromSecret(JwtAlgorithm.HS384, File.ReadAllText(_folder.File("h.secret")).TrimEnd('\n'))));
    }

    [Fact]
    public void Kid_and_kid_thumbprint_together_are_a_usage_mistake()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--kid", "k1", "--kid-thumbprint");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--kid", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
