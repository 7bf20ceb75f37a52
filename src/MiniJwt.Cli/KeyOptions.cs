using System.CommandLine;

namespace MiniJwt.Cli;

/// <summary>
/// The key options of <c>encode</c> and <c>verify</c>: exactly one of <c>--key</c>, <c>--secret-file</c>,
/// <c>--secret-env</c>, and for <c>verify</c> <c>--jwks</c>.
/// </summary>
internal sealed class KeyOptions
{
    public KeyOptions(bool forSigning)
    {
        Key = new Option<string>(KeyFiles.KeyOption)
        {
            Description = forSigning
                ? "The signing key file: a private key in PEM or JWK (RSA, EC), a JWK Set (with --kid), or an HMAC secret."
                : "The verification key file: a key in PEM or JWK (RSA, EC), a JWK Set, or an HMAC secret.",
            HelpName = "FILE",
        };
        SecretFile = new Option<string>(KeyFiles.SecretFileOption)
        {
            Description = "A file holding the HMAC secret (its text, without the final newline).",
            HelpName = "FILE",
        };
        SecretEnv = new Option<string>(KeyFiles.SecretEnvOption)
        {
            Description = "An environment variable holding the HMAC secret.",
            HelpName = "NAME",
        };
        if (!forSigning)
        {
            Jwks = new Option<string>(KeyFiles.JwksOption)
            {
                Description = "A JWK Set: a file, or a URL fetched once (https; http to a loopback address). The token's kid and alg choose the key.",
                HelpName = "FILE|URL",
            };
        }
    }

    public Option<string> Key { get; }

    public Option<string> SecretFile { get; }

    public Option<string> SecretEnv { get; }

    /// <summary><c>--jwks</c>, for verification only.</summary>
    public Option<string>? Jwks { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(SecretFile);
        command.Options.Add(SecretEnv);
        if (Jwks is not null)
        {
            command.Options.Add(Jwks);
        }
    }

    public KeySource Load(ParseResult parse) =>
        KeyFiles.Load(parse.GetValue(Key), parse.GetValue(SecretFile), parse.GetValue(SecretEnv),
            Jwks is null ? null : parse.GetValue(Jwks), jwksAllowed: Jwks is not null);
}
