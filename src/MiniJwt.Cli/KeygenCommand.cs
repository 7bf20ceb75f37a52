using System.Collections.Generic;
using System.CommandLine;

namespace MiniJwt.Cli;

/// <summary><c>minijwt keygen</c>: makes a new key for an algorithm, printed or written to files.</summary>
internal static class KeygenCommand
{
    public static Command Create(Terminal terminal)
    {
        Option<JwtAlgorithm> alg = CliOptions.Algorithm("The algorithm the key is for.");
        Option<string> output = CliOptions.Text(KeyFileWriter.OutOption, "PREFIX",
            "Write files instead of printing: PREFIX.secret and PREFIX.jwk (HS*), or PREFIX.pem and PREFIX.jwk (private), PREFIX.pub.pem and PREFIX.pub.jwk (public).");
        Option<string> kid = CliOptions.Text("--kid", "KID", "The key id written in the JWK files (kid).");
        Option<bool> kidThumbprint = new("--kid-thumbprint")
        {
            Description = "Use the key's RFC 7638 JWK thumbprint as its kid.",
        };
        Option<int> bits = new("--bits")
        {
            Description = "The RSA key size for RS*/PS*: 2048 (default), 3072 or 4096.",
            HelpName = "BITS",
            DefaultValueFactory = _ => KeyGenerator.DefaultRsaBits,
        };
        bits.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is not (2048 or 3072 or 4096))
            {
                result.AddError("--bits: " + value + " is not 2048, 3072 or 4096.");
            }
        });

        var command = new Command("keygen", "Make a key: HS* a random secret, RS*/PS* RSA (2048+), ES* on the algorithm's curve (PEM).");
        command.Options.Add(alg);
        command.Options.Add(output);
        command.Options.Add(bits);
        command.Options.Add(kid);
        command.Options.Add(kidThumbprint);
        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            JwtAlgorithm algorithm = parse.GetValue(alg);
            int size = parse.GetValue(bits);
            if (size != KeyGenerator.DefaultRsaBits && AlgorithmNames.KindOf(algorithm) != KeyKind.Rsa)
            {
                throw new UsageException("--bits", "only RS* and PS* keys have a size to choose.");
            }

            string? prefix = parse.GetValue(output);
            if (prefix is { Length: 0 })
            {
                throw new UsageException(KeyFileWriter.OutOption, "the prefix is empty.");
            }

            string? keyId = parse.GetValue(kid);
            bool thumbprintKid = parse.GetValue(kidThumbprint);
            if (keyId is not null && thumbprintKid)
            {
                throw new UsageException("--kid", "give only one of --kid and --kid-thumbprint.");
            }

            if (keyId is { Length: 0 })
            {
                throw new UsageException("--kid", "the key id is empty.");
            }

            var files = new List<(string Path, string Role)>();
            if (prefix is not null)
            {
                if (AlgorithmNames.KindOf(algorithm) == KeyKind.Secret)
                {
                    files.Add((prefix + ".secret", "secret"));
                    files.Add((prefix + ".jwk", "jwk"));
                }
                else
                {
                    files.Add((prefix + ".pem", "private"));
                    files.Add((prefix + ".pub.pem", "public"));
                    files.Add((prefix + ".jwk", "jwk"));
                    files.Add((prefix + ".pub.jwk", "publicJwk"));
                }

                KeyFileWriter.CheckFree([.. files.ConvertAll(f => f.Path)]);
            }

            GeneratedKey key = KeyGenerator.Generate(algorithm, size, keyId, thumbprintKid);
            foreach ((string path, string role) in files)
            {
                KeyFileWriter.Write(path, role switch
                {
                    "secret" => key.Secret!,
                    "private" => key.PrivatePem!,
                    "public" => key.PublicPem!,
                    "jwk" => key.PrivateJwk,
                    _ => key.PublicJwk!,
                }, isPrivate: role is not ("public" or "publicJwk"));
            }

            if (parse.GetValue(CliOptions.Json))
            {
                JsonOutput.WriteObject(terminal.Out, w =>
                {
                    w.WriteString("algorithm", AlgorithmNames.Name(algorithm));
                    w.WriteString("key", key.Description);
                    if (key.KeyId is { } id)
                    {
                        w.WriteString("kid", id);
                    }

                    w.WriteString("thumbprint", key.Thumbprint);
                    if (files.Count > 0)
                    {
                        w.WriteStartObject("files");
                        foreach ((string path, string role) in files)
                        {
                            w.WriteString(role, path);
                        }

                        w.WriteEndObject();
                    }
                    else if (key.Secret is not null)
                    {
                        w.WriteString("secret", key.Secret);
                    }
                    else
                    {
                        w.WriteString("privateKeyPem", key.PrivatePem);
                        w.WriteString("publicKeyPem", key.PublicPem);
                    }

                    if (files.Count == 0)
                    {
                        JsonOutput.WriteJson(w, "jwk", key.PrivateJwk);
                    }

                    if (key.PublicJwk is not null)
                    {
                        JsonOutput.WriteJson(w, "publicJwk", key.PublicJwk);
                    }
                });
            }
            else if (files.Count > 0)
            {
                foreach ((string path, string role) in files)
                {
                    string what = role switch
                    {
                        "secret" => "secret",
                        "private" => "private key",
                        "public" => "public key",
                        "jwk" => key.Secret is null ? "private JWK" : "secret JWK",
                        _ => "public JWK",
                    };
                    terminal.Err.WriteLine("wrote " + path + " (" + AlgorithmNames.Name(algorithm) + " " + what
                        + (role is "public" or "publicJwk" ? ")" : ", readable by you only)"));
                }

                terminal.Err.WriteLine((key.KeyId is { } id ? "kid " + id + "; " : "") + "JWK thumbprint " + key.Thumbprint);
            }
            else
            {
                terminal.Out.Write(key.Secret is not null ? key.Secret + "\n" : key.PrivatePem + "\n" + key.PublicPem + "\n");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
