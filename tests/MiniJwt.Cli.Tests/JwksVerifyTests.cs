using System;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>verify --jwks: the token's kid and alg choose the key of the set; the tool never tries every key.</summary>
public sealed class JwksVerifyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public JwksVerifyTests()
    {
        // Two ES256 keys, kid a and b, published together; a third key, kid c, that the set does not hold.
        foreach (string kid in new[] { "a", "b", "c" })
        {
            ToolResult keygen = Tool.Run(_folder.Path, null, "keygen", "--alg", "ES256", "--kid", kid, "--out", kid);
            Assert.True(keygen.ExitCode == 0, keygen.ToString());
        }

        ToolResult set = Tool.Run(_folder.Path, null, "jwk", "set", "a.pub.jwk", "b.pub.jwk");
        Assert.True(set.ExitCode == 0, set.ToString());
        File.WriteAllText(_folder.File("jwks.json"), set.Stdout);
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("a")]
    [InlineData("b")]
    public void A_set_with_two_kids_picks_the_tokens_key(string kid)
    {
        string token = Encode(kid + ".jwk");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "jwks.json", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(kid, json.RootElement.GetProperty("kid").GetString());
        Assert.Equal("42", json.RootElement.GetProperty("payload").GetProperty("sub").GetString());
    }

    [Fact]
    public void The_kid_chooses_the_key_and_no_other_key_is_tried()
    {
        // Signed with b's key but naming a: the set gives a's key, which refuses the signature.
        string token = Encode("b.pem", "--kid", "a");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "jwks.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("InvalidSignature", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kid_exits_1_with_KeyNotFound()
    {
        string token = Encode("c.jwk");

        ToolResult text = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "jwks.json");
        ToolResult json = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "jwks.json", "--json");

        Assert.Equal(1, text.ExitCode);
        Assert.Contains("KeyNotFound", text.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, text.Stdout);
        Assert.Equal(1, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        Assert.Equal("KeyNotFound", document.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void A_set_given_with_key_is_read_by_content()
    {
        string token = Encode("b.jwk");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--key", "jwks.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kid=b", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwks_must_be_a_set()
    {
        string token = Encode("a.jwk");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "a.pub.jwk");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jwks", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not a JWK Set", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Jwks_and_key_together_are_a_usage_mistake()
    {
        string token = Encode("a.jwk");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--jwks", "jwks.json", "--key", "a.pub.jwk");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("give only one of", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_with_a_private_set_takes_the_key_named_by_kid()
    {
        string privateSet = "{\"keys\":[" + File.ReadAllText(_folder.File("a.jwk")).Trim() + "," + File.ReadAllText(_folder.File("b.jwk")).Trim() + "]}";
        File.WriteAllText(_folder.File("private.json"), privateSet);

        ToolResult ambiguous = Tool.Run(_folder.Path, null, "encode", "--alg", "ES256", "--key", "private.json", "--sub", "42", "--exp-in", "1h");
        ToolResult chosen = Tool.Run(_folder.Path, null, "encode", "--alg", "ES256", "--key", "private.json", "--kid", "b", "--sub", "42", "--exp-in", "1h");

        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("--kid", ambiguous.Stderr, StringComparison.Ordinal);
        Assert.True(chosen.ExitCode == 0, chosen.ToString());
        ToolResult verify = Tool.Run(_folder.Path, null, "verify", chosen.Stdout.Trim(), "--key", "b.pub.pem");
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    [Fact]
    public void A_set_at_a_URL_is_fetched_and_chooses_by_kid()
    {
        using var server = new LoopbackJwksServer(File.ReadAllText(_folder.File("jwks.json")));
        string token = Encode("b.jwk");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--jwks", server.BaseUrl + "jwks.json", "--json");
        ToolResult unknown = Tool.Run(_folder.Path, null, "verify", Encode("c.jwk"), "--jwks", server.BaseUrl + "jwks.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("b", json.RootElement.GetProperty("kid").GetString());
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("KeyNotFound", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_URL_that_does_not_give_a_set_is_a_usage_mistake()
    {
        using var server = new LoopbackJwksServer(File.ReadAllText(_folder.File("jwks.json")));

        ToolResult result = Tool.Run(_folder.Path, null, "verify", Encode("a.jwk"), "--jwks", server.BaseUrl + "missing.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jwks", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("could not be fetched", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_to_another_host_is_refused_before_any_request()
    {
        ToolResult result = Tool.Run(_folder.Path, null, "verify", Encode("a.jwk"), "--jwks", "http://jwks.invalid/jwks.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--jwks", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be fetched", result.Stderr, StringComparison.Ordinal);
    }

    private string Encode(string key, params string[] more)
    {
        ToolResult result = Tool.Run(_folder.Path, null, ["encode", "--alg", "ES256", "--key", key, "--sub", "42", "--exp-in", "1h", .. more]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }
}
