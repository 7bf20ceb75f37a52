using System.CommandLine;

namespace MiniJwt.Cli;

/// <summary>The key options of <c>encode</c> and <c>verify</c>: exactly one of <c>--key</c>, <c>--secret-file</c>, <c>--secret-env</c>.</summary>
internal sealed class KeyOptions
{
    public KeyOptions(bool forSigning)
    {
        Key = new Option<string>(KeyFiles.KeyOption)
        {
            Description = forSigning
                ? "The signing key file: a private key in PEM (RSA, EC), or an HMAC secret."
                : "The verification key file: a public or private key in PEM (RSA, EC), or an HMAC secret.",
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
    }

    public Option<string> Key { get; }

    public Option<string> SecretFile { get; }

    public Option<string> SecretEnv { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(SecretFile);
        command.Options.Add(SecretEnv);
    }

    public KeySource Load(ParseResult parse) =>
        KeyFiles.Load(parse.GetValue(Key), parse.GetValue(SecretFile), parse.GetValue(SecretEnv));
}
