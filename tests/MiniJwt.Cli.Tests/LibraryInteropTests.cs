using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>A token written by the library verifies in the tool, and one written by the tool verifies in the library.</summary>
public sealed class LibraryInteropTests : IDisposable
{
    private const string Secret = "a random secret of at least thirty-two bytes!";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Library_HS256_token_verifies_in_the_tool()
    {
        File.WriteAllText(_folder.File("secret.txt"), Secret);
        JwtKey key = JwtKey.FromSecret(JwtAlgorithm.HS256, Secret);
        string token = Jwt.Encode("""{"sub":"42","aud":"api","exp":4102444800}"""u8, key);

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--aud", "api", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("42", json.RootElement.GetProperty("payload").GetProperty("sub").GetString());
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("PS384")]
    public void Library_token_signed_with_a_PEM_key_verifies_in_the_tool_with_its_public_key(string alg)
    {
        JwtAlgorithm algorithm = Enum.Parse<JwtAlgorithm>(alg);
        string privatePem;
        string publicPem;
        if (alg.StartsWith("ES", StringComparison.Ordinal))
        {
            using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            (privatePem, publicPem) = (ecdsa.ExportECPrivateKeyPem(), ecdsa.ExportSubjectPublicKeyInfoPem());
        }
        else
        {
            using RSA rsa = RSA.Create(2048);
            (privatePem, publicPem) = (rsa.ExportRSAPrivateKeyPem(), rsa.ExportRSAPublicKeyPem());
        }

        File.WriteAllText(_folder.File("public.pem"), publicPem);
        string token = Jwt.Encode("""{"sub":"7","exp":4102444800}"""u8, JwtKey.FromPem(algorithm, privatePem, keyId: "lib"));

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--key", "public.pem", "--alg", alg);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("kid=lib", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tool_HS256_token_verifies_in_the_library()
    {
        File.WriteAllText(_folder.File("secret.txt"), Secret + "\n");
        ToolResult encode = Tool.Run(_folder.Path, null, "encode", "--alg", "HS256", "--secret-file", "secret.txt",
            "--sub", "42", "--aud", "api", "--exp-in", "1h", "--claim", "admin=true", "--claim", "name=Ada");
        Assert.True(encode.ExitCode == 0, encode.ToString());

        JwtToken jwt = Jwt.Decode(encode.Stdout.Trim(), JwtKey.FromSecret(JwtAlgorithm.HS256, Secret),
            new JwtValidationOptions(JwtAlgorithm.HS256) { Audiences = ["api"] });

        Assert.Equal("42", jwt.Subject);
        Assert.True(jwt.TryGetBoolean("admin", out bool admin) && admin);
        Assert.True(jwt.TryGetString("name", out string? name) && name == "Ada");
        Assert.NotNull(jwt.ExpiresAt);
    }

    [Fact]
    public void Tool_keys_and_token_verify_in_the_library()
    {
        Assert.Equal(0, Tool.Run(_folder.Path, null, "keygen", "--alg", "ES384", "--out", "k").ExitCode);
        ToolResult encode = Tool.Run(_folder.Path, null, "encode", "--alg", "ES384", "--key", "k.pem", "--sub", "9", "--exp-in", "10m");
        Assert.True(encode.ExitCode == 0, encode.ToString());

        JwtKey key = JwtKey.FromPem(JwtAlgorithm.ES384, File.ReadAllText(_folder.File("k.pub.pem")));
        JwtToken jwt = Jwt.Decode(encode.Stdout.Trim(), key, new JwtValidationOptions(JwtAlgorithm.ES384));

        Assert.Equal("9", jwt.Subject);
    }
}
