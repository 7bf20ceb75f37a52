using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace MiniJwt.Cli.Tests;

/// <summary>verify: refusals exit 1 with the error code, and the options that shape the checks.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private const string Secret = "a random secret of at least thirty-two bytes!";
    private readonly TempFolder _folder = new();

    public VerifyCommandTests()
    {
        File.WriteAllText(_folder.File("secret.txt"), Secret + "\n");
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Tampered_token_exits_1_with_InvalidSignature()
    {
        string token = Encode("--sub", "42", "--exp-in", "1h");
        string[] parts = token.Split('.');
        string forged = parts[0] + "." + Base64Url("{\"sub\":\"admin\",\"exp\":4102444800}") + "." + parts[2];

        ToolResult result = Tool.Run(_folder.Path, null, "verify", forged, "--secret-file", "secret.txt");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("InvalidSignature", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void Tampered_token_in_json_mode_gives_the_code_in_one_object()
    {
        string token = Encode("--sub", "42", "--exp-in", "1h");
        string forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", forged, "--secret-file", "secret.txt", "--json");

        Assert.Equal(1, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("InvalidSignature", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Expired_token_exits_1_with_Expired_at_the_given_now()
    {
        string token = Encode("--sub", "42", "--exp-in", "1h", "--now", "1700000000");

        ToolResult valid = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--now", "1700003599");
        ToolResult expired = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--now", "1700003600");

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Equal(1, expired.ExitCode);
        Assert.Contains("Expired", expired.Stderr, StringComparison.Ordinal);
        Assert.Contains("expired 0 s ago", expired.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Leeway_accepts_a_token_expired_within_it()
    {
        string token = Encode("--exp-in", "1h", "--now", "1700000000");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--now", "1700003620", "--leeway", "30s");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public void Audience_is_required_to_match_and_refused_when_not_expected()
    {
        string token = Encode("--aud", "api", "--aud", "other", "--exp-in", "1h");

        ToolResult accepted = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--aud", "other");
        ToolResult wrong = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--aud", "nope");
        ToolResult none = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("InvalidAudience", wrong.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("--aud", none.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuer_must_match_when_given()
    {
        string token = Encode("--iss", "https://issuer.example", "--exp-in", "1h");

        ToolResult accepted = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--iss", "https://issuer.example");
        ToolResult wrong = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--iss", "https://other.example");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("InvalidIssuer", wrong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_without_exp_exits_1_with_MissingClaim()
    {
        string token = Encode("--sub", "42");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("MissingClaim", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Algorithm_outside_alg_list_exits_1_with_AlgorithmNotAllowed()
    {
        string token = Encode("--exp-in", "1h");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt", "--alg", "HS384");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AlgorithmNotAllowed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Secret_from_the_environment_verifies()
    {
        string token = Encode("--exp-in", "1h");
        var environment = new Dictionary<string, string> { ["MINIJWT_TEST_SECRET"] = Secret };

        ToolResult result = Tool.Run(_folder.Path, null, environment, "verify", token, "--secret-env", "MINIJWT_TEST_SECRET");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("VERIFIED", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Token_from_standard_input_verifies_and_the_payload_goes_to_standard_output()
    {
        string token = Encode("--sub", "42", "--exp-in", "1h");

        ToolResult result = Tool.Run(_folder.Path, token + "\n", "verify", "-", "--secret-file", "secret.txt");

        Assert.True(result.ExitCode == 0, result.ToString());
        using JsonDocument payload = JsonDocument.Parse(result.Stdout);
        Assert.Equal("42", payload.RootElement.GetProperty("sub").GetString());
    }

    [Fact]
    public void Output_has_no_colour_when_redirected()
    {
        string token = Encode("--exp-in", "1h");

        ToolResult result = Tool.Run(_folder.Path, null, "verify", token, "--secret-file", "secret.txt");

        Assert.DoesNotContain('\u001b', result.Stdout + result.Stderr);
    }

    private string Encode(params string[] args)
    {
        ToolResult result = Tool.Run(_folder.Path, null, ["encode", "--alg", "HS256", "--secret-file", "secret.txt", .. args]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
