using System;
using System.CommandLine;

namespace MiniJwt.Cli;

/// <summary><c>minijwt encode</c>: signs a claims set and prints the token.</summary>
internal static class EncodeCommand
{
    public static Command Create(Terminal terminal)
    {
        Option<JwtAlgorithm> alg = CliOptions.Algorithm("The signing algorithm.");
        var keys = new KeyOptions(forSigning: true);
        Option<string> kid = CliOptions.Text("--kid", "KID", "The key id written to the header (kid).");
        Option<string> sub = CliOptions.Text("--sub", "SUBJECT", "The subject claim (sub).");
        Option<string[]> aud = CliOptions.Repeated("--aud", "AUDIENCE", "An audience (aud); repeat for several.");
        Option<string> iss = CliOptions.Text("--iss", "ISSUER", "The issuer claim (iss).");
        Option<TimeSpan?> expIn = CliOptions.Duration("--exp-in", "Expire this long from now (exp).");
        Option<TimeSpan?> nbfIn = CliOptions.Duration("--nbf-in", "Not valid before this long from now (nbf).");
        Option<bool> iat = new("--iat") { Description = "Write the current time as iat." };
        Option<string[]> claim = CliOptions.Repeated("--claim", "NAME=JSON", "A claim; the value is JSON (42, true, \"text\", [1,2]) or else taken as a string. Repeat for several.");
        Option<string> claims = CliOptions.Text("--claims", "JSON|-", "A JSON object of claims, or - to read it from standard input.");
        Option<DateTimeOffset?> now = CliOptions.Now();

        var command = new Command("encode", "Sign a claims set and print the token.");
        command.Options.Add(alg);
        keys.AddTo(command);
        foreach (Option option in new Option[] { kid, sub, aud, iss, expIn, nbfIn, iat, claim, claims, now })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            JwtAlgorithm algorithm = parse.GetValue(alg);
            KeySource source = keys.Load(parse);
            if (!source.IsPrivate)
            {
                throw new UsageException(source.Argument, "a public key cannot sign; give the private key.");
            }

            JwtKey key = source.CreateKey(algorithm, parse.GetValue(kid));
            DateTimeOffset time = parse.GetValue(now) ?? DateTimeOffset.UtcNow;
            long seconds = time.ToUnixTimeSeconds();

            var builder = new ClaimsBuilder();
            string? claimsText = parse.GetValue(claims);
            if (claimsText is not null)
            {
                builder.AddObject(claimsText == "-" ? Console.In.ReadToEnd() : claimsText, "--claims");
            }

            if (parse.GetValue(sub) is { } subject)
            {
                builder.AddString("sub", subject, "--sub");
            }

            if (parse.GetValue(iss) is { } issuer)
            {
                builder.AddString("iss", issuer, "--iss");
            }

            if (parse.GetValue(aud) is { Length: > 0 } audiences)
            {
                builder.AddStrings("aud", audiences, "--aud");
            }

            if (parse.GetValue(expIn) is { } expires)
            {
                builder.AddNumber("exp", seconds + (long)expires.TotalSeconds, "--exp-in");
            }

            if (parse.GetValue(nbfIn) is { } notBefore)
            {
                builder.AddNumber("nbf", seconds + (long)notBefore.TotalSeconds, "--nbf-in");
            }

            if (parse.GetValue(iat))
            {
                builder.AddNumber("iat", seconds, "--iat");
            }

            foreach (string assignment in parse.GetValue(claim) ?? [])
            {
                builder.AddAssignment(assignment, "--claim");
            }

            string token;
            try
            {
                token = Jwt.Encode(builder.ToUtf8(), key);
            }
            catch (ArgumentException e)
            {
                throw new UsageException(claimsText is null ? "--claim" : "--claims", "the payload cannot be signed: " + e.Message, e);
            }

            bool json = parse.GetValue(CliOptions.Json);
            if (json)
            {
                JsonOutput.WriteObject(terminal.Out, w =>
                {
                    w.WriteString("token", token);
                    w.WriteString("algorithm", AlgorithmNames.Name(algorithm));
                });
            }
            else
            {
                terminal.Out.WriteLine(token);
                if (!builder.Contains("exp"))
                {
                    terminal.Err.WriteLine(terminal.PaintErr("note:", Style.Warning)
                        + " the token has no exp; verifiers (MiniJwt by default) refuse it. Give --exp-in to set one.");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
