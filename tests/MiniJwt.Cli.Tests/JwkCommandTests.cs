using System;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>jwk: from-pem, to-pem, thumbprint and set, as a user runs them.</summary>
public sealed class JwkCommandTests : IDisposable
{
    // Source: RFC 7638 §3.1, the example RSA key (its members as the RFC prints them) and its SHA-256 thumbprint.
    private const string Rfc7638Key =
        "{\"kty\":\"RSA\","
        + "\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\","
        + "\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

    private const string Rfc7638Thumbprint = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Thumbprint_of_the_RFC_7638_example_key_is_the_RFCs_value()
    {
        File.WriteAllText(_folder.File("rfc.jwk"), Rfc7638Key);

        ToolResult text = Tool.Run(_folder.Path, null, "jwk", "thumbprint", "rfc.jwk");
        ToolResult json = Tool.Run(_folder.Path, null, "jwk", "thumbprint", "rfc.jwk", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Equal(Rfc7638Thumbprint, text.Stdout.Trim());
        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(Rfc7638Thumbprint, document.RootElement.GetProperty("thumbprint").GetString());
        Assert.Equal("2011-04-29", document.RootElement.GetProperty("kid").GetString());
    }

    [Fact]
    public void Thumbprint_of_the_RFC_7638_key_as_PEM_is_the_same()
    {
        File.WriteAllText(_folder.File("rfc.jwk"), Rfc7638Key);
        ToolResult pem = Tool.Run(_folder.Path, null, "jwk", "to-pem", "rfc.jwk");
        Assert.True(pem.ExitCode == 0, pem.ToString());
        File.WriteAllText(_folder.File("rfc.pem"), pem.Stdout);

        ToolResult thumbprint = Tool.Run(_folder.Path, null, "jwk", "thumbprint", "rfc.pem");

        Assert.True(thumbprint.ExitCode == 0, thumbprint.ToString());
        Assert.Equal(Rfc7638Thumbprint, thumbprint.Stdout.Trim());
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("PS512")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("ES512")]
    public void Pem_to_jwk_to_pem_gives_back_the_same_key(string alg)
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", alg, "--out", "k").ExitCode);

        ToolResult privateJwk = Tool.Run(_folder.Path, null, "jwk", "from-pem", "k.pem", "--alg", alg, "--private", "--kid", "k1");
        Assert.True(privateJwk.ExitCode == 0, privateJwk.ToString());
        File.WriteAllText(_folder.File("from.jwk"), privateJwk.Stdout);
        ToolResult publicJwk = Tool.Run(_folder.Path, null, "jwk", "from-pem", "k.pub.pem", "--alg", alg);
        Assert.True(publicJwk.ExitCode == 0, publicJwk.ToString());
        File.WriteAllText(_folder.File("from.pub.jwk"), publicJwk.Stdout);

        ToolResult publicPem = Tool.Run(_folder.Path, null, "jwk", "to-pem", "from.pub.jwk");
        ToolResult privatePem = Tool.Run(_folder.Path, null, "jwk", "to-pem", "from.jwk", "--private");

        Assert.True(publicPem.ExitCode == 0, publicPem.ToString());
        Assert.True(privatePem.ExitCode == 0, privatePem.ToString());
        Assert.Equal(File.ReadAllText(_folder.File("k.pub.pem")).Trim(), publicPem.Stdout.Trim());
        JwtAlgorithm algorithm = Enum.Parse<JwtAlgorithm>(alg);
        JwtKey original = JwtKey.FromPem(algorithm, File.ReadAllText(_folder.File("k.pem")));
        JwtKey rebuilt = JwtKey.FromPem(algorithm, privatePem.Stdout);
        Assert.True(rebuilt.CanSign);
        Assert.True(rebuilt.PublicKeyEquals(original));
        Assert.Equal("k1", JwtKey.FromJwk(privateJwk.Stdout).KeyId);

        // The rebuilt private key signs tokens the original public key verifies.
        File.WriteAllText(_folder.File("rebuilt.pem"), privatePem.Stdout);
        ToolResult encode = Tool.Run(_folder.Path, null, "encode", "--alg", alg, "--key", "rebuilt.pem", "--sub", "7", "--exp-in", "1h");
        Assert.True(encode.ExitCode == 0, encode.ToString());
        ToolResult verify = Tool.Run(_folder.Path, null, "verify", encode.Stdout.Trim(), "--key", "k.pub.pem");
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public void From_pem_writes_the_public_jwk_unless_private_is_asked()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--out", "k").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "from-pem", "k.pem", "--kid-thumbprint", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        JsonElement jwk = json.RootElement.GetProperty("jwk");
        Assert.False(jwk.TryGetProperty("d", out _));
        Assert.Equal("ES256", jwk.GetProperty("alg").GetString());
        Assert.Equal(json.RootElement.GetProperty("thumbprint").GetString(), jwk.GetProperty("kid").GetString());
    }

    [Fact]
    public void From_pem_of_an_RSA_key_needs_alg()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "RS256", "--out", "k").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "from-pem", "k.pub.pem");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--alg", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("minijwt jwk from-pem --help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void To_pem_private_of_a_public_jwk_is_a_usage_mistake()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES384", "--out", "k").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "to-pem", "k.pub.jwk", "--private");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--private", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void To_pem_refuses_an_HMAC_secret()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "HS256", "--out", "h").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "to-pem", "h.jwk");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no PEM form", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_holds_the_public_keys_each_with_a_kid()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--kid", "ec-1", "--out", "ec").ExitCode);
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "RS256", "--out", "rsa").ExitCode);

        // A private JWK and a PEM without kid: the set gets the public halves, the PEM key its thumbprint as kid.
        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "set", "ec.jwk", "rsa.pub.pem", "--alg", "RS256");

        Assert.True(result.ExitCode == 0, result.ToString());
        JwtKeySet set = JwtKeySet.Parse(result.Stdout);
        Assert.Equal(2, set.Keys.Count);
        Assert.All(set.Keys, key => Assert.False(key.CanSign));
        Assert.Equal("ec-1", set.Keys[0].KeyId);
        Assert.Equal(JwtAlgorithm.RS256, set.Keys[1].Algorithm);
        Assert.Equal(set.Keys[1].ComputeJwkThumbprint(), set.Keys[1].KeyId);
        Assert.DoesNotContain("\"d\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_refuses_an_HMAC_secret()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--out", "ec").ExitCode);
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "HS256", "--out", "h").ExitCode);

        ToolResult result = Tool.Run(_folder.Path, null, "jwk", "set", "ec.pub.jwk", "h.jwk");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("never published", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }
}
