using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>keygen → encode → verify → decode, through the tool only, for each of the twelve algorithms.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> Algorithms { get; } =
        ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Keygen_encode_verify_decode(string alg)
    {
        using var folder = new TempFolder();
        bool hmac = alg.StartsWith("HS", System.StringComparison.Ordinal);

        ToolResult keygen = Tool.Run(folder.Path, null, "keygen", "--alg", alg, "--out", "k", "--json");
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        using (JsonDocument json = JsonDocument.Parse(keygen.Stdout))
        {
            Assert.Equal(alg, json.RootElement.GetProperty("algorithm").GetString());
        }

        // An HMAC secret is read as a raw key file when signing and as --secret-file when verifying.
        string[] signWith = hmac ? ["--key", "k.secret"] : ["--key", "k.pem"];
        string[] verifyWith = hmac ? ["--secret-file", "k.secret"] : ["--key", "k.pub.pem"];

        ToolResult encode = Tool.Run(folder.Path, null, ["encode", "--alg", alg, .. signWith, "--sub", "42", "--aud", "api", "--exp-in", "1h", "--iat", "--kid", "k1"]);
        Assert.True(encode.ExitCode == 0, encode.ToString());
        string token = encode.Stdout.Trim();
        Assert.Equal(2, token.Count(c => c == '.'));

        ToolResult verify = Tool.Run(folder.Path, null, ["verify", token, .. verifyWith, "--aud", "api", "--json"]);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        using (JsonDocument json = JsonDocument.Parse(verify.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal(alg, json.RootElement.GetProperty("algorithm").GetString());
            Assert.Equal("k1", json.RootElement.GetProperty("kid").GetString());
            Assert.Equal("42", json.RootElement.GetProperty("payload").GetProperty("sub").GetString());
        }

        ToolResult decode = Tool.Run(folder.Path, null, "decode", token);
        Assert.True(decode.ExitCode == 0, decode.ToString());
        Assert.StartsWith("NOT VERIFIED", decode.Stdout, System.StringComparison.Ordinal);
        Assert.Contains("\"alg\": \"" + alg + "\"", decode.Stdout, System.StringComparison.Ordinal);
        Assert.Contains("expires in 59 min", decode.Stdout, System.StringComparison.Ordinal);
    }

    /// <summary>keygen → JWK → encode → verify --jwks, with the key's thumbprint as kid.</summary>
    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Keygen_jwk_encode_verify_jwks(string alg)
    {
        using var folder = new TempFolder();
        bool hmac = alg.StartsWith("HS", System.StringComparison.Ordinal);

        ToolResult keygen = Tool.Run(folder.Path, null, "keygen", "--alg", alg, "--kid-thumbprint", "--out", "k", "--json");
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        string kid;
        using (JsonDocument json = JsonDocument.Parse(keygen.Stdout))
        {
            kid = json.RootElement.GetProperty("kid").GetString()!;
        }

        // A public key set is made with `jwk set`; shared secrets are never published, so their set is written by hand.
        string set;
        if (hmac)
        {
            set = "{\"keys\":[" + File.ReadAllText(System.IO.Path.Combine(folder.Path, "k.jwk")).Trim() + "]}";
        }
        else
        {
            ToolResult jwks = Tool.Run(folder.Path, null, "jwk", "set", "k.pub.jwk");
            Assert.True(jwks.ExitCode == 0, jwks.ToString());
            set = jwks.Stdout;
        }

        File.WriteAllText(System.IO.Path.Combine(folder.Path, "jwks.json"), set);

        // The JWK carries the kid: encode puts it in the header without --kid.
        ToolResult encode = Tool.Run(folder.Path, null, "encode", "--alg", alg, "--key", "k.jwk", "--sub", "42", "--exp-in", "1h");
        Assert.True(encode.ExitCode == 0, encode.ToString());

        ToolResult verify = Tool.Run(folder.Path, null, "verify", encode.Stdout.Trim(), "--jwks", "jwks.json", "--json");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        using (JsonDocument json = JsonDocument.Parse(verify.Stdout))
        {
            Assert.Equal(alg, json.RootElement.GetProperty("algorithm").GetString());
            Assert.Equal(kid, json.RootElement.GetProperty("kid").GetString());
            Assert.Equal("42", json.RootElement.GetProperty("payload").GetProperty("sub").GetString());
        }
    }
}
