using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Security.Cryptography;

namespace MiniJwt.Cli;

/// <summary>
/// <c>minijwt jwk</c>: conversions between PEM and JSON Web Keys, RFC 7638 thumbprints, and a public JWK Set
/// made from several keys. Keys are read by content as everywhere in the tool; the library reads and writes JWKs.
/// </summary>
internal static class JwkCommand
{
    private const string FileArgument = "FILE";

    public static Command Create(Terminal terminal)
    {
        var command = new Command("jwk", "Convert keys between PEM and JWK, compute RFC 7638 thumbprints, build a public JWK Set.");
        command.Subcommands.Add(FromPem(terminal));
        command.Subcommands.Add(ToPem(terminal));
        command.Subcommands.Add(Thumbprint(terminal));
        command.Subcommands.Add(Set(terminal));
        return command;
    }

    private static Command FromPem(Terminal terminal)
    {
        Argument<string> file = OneFile("A PEM key file (PKCS#1, PKCS#8, SPKI or SEC1).");
        Option<JwtAlgorithm?> alg = CliOptions.OptionalAlgorithm("The JWK's alg; needed for an RSA key (an EC key's curve names its own).");
        Option<string> kid = CliOptions.Text("--kid", "KID", "The JWK's kid.");
        Option<bool> kidThumbprint = new("--kid-thumbprint") { Description = "Use the key's RFC 7638 JWK thumbprint as its kid." };
        Option<bool> includePrivate = new("--private") { Description = "Write the private values too (a private PEM only). Default: the public JWK." };
        var command = new Command("from-pem", "Write a PEM key as a JWK (the public JWK unless --private).");
        command.Arguments.Add(file);
        foreach (Option option in new Option[] { alg, kid, kidThumbprint, includePrivate })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            KeySource source = KeyFiles.FromKeyFile(FileArgument, parse.GetValue(file)!);
            if (source.Format != KeyFormat.Pem)
            {
                throw new UsageException(FileArgument, "not a PEM key: it holds a " + source.Description + ".");
            }

            JwtAlgorithm algorithm = ChooseAlgorithm(source, parse.GetValue(alg));
            string? keyId = parse.GetValue(kid);
            bool thumbprintKid = parse.GetValue(kidThumbprint);
            if (keyId is not null && thumbprintKid)
            {
                throw new UsageException("--kid", "give only one of --kid and --kid-thumbprint.");
            }

            bool wantPrivate = parse.GetValue(includePrivate);
            if (wantPrivate && !source.IsPrivate)
            {
                throw new UsageException("--private", "the PEM holds a public key; there are no private values to write.");
            }

            JwtKey key = source.CreateKey(algorithm, keyId);
            string thumbprint = key.ComputeJwkThumbprint();
            if (thumbprintKid)
            {
                key = source.CreateKey(algorithm, thumbprint);
            }

            WriteJwk(terminal, parse.GetValue(CliOptions.Json), wantPrivate ? key.ToJwk(includePrivate: true) : key.ToPublicKey().ToJwk(), key, thumbprint);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ToPem(Terminal terminal)
    {
        Argument<string> file = OneFile("A JWK file (RSA or EC).");
        Option<bool> includePrivate = new("--private") { Description = "Write the private key (PKCS#8). Default: the public key (SPKI)." };
        var command = new Command("to-pem", "Write a JWK as PEM: the public key (SPKI), or with --private the private key (PKCS#8).");
        command.Arguments.Add(file);
        command.Options.Add(includePrivate);
        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            KeySource source = KeyFiles.FromKeyFile(FileArgument, parse.GetValue(file)!);
            if (source.JwkText is not { } json)
            {
                throw new UsageException(FileArgument, "not a JWK: it holds a " + source.Description + ".");
            }

            if (source.Kind == KeyKind.Secret)
            {
                throw new UsageException(FileArgument, "an oct JWK is an HMAC secret; it has no PEM form.");
            }

            bool wantPrivate = parse.GetValue(includePrivate);
            JwtKey key = source.CreateKey(source.Algorithms[0], keyId: null);
            if (wantPrivate && !key.CanSign)
            {
                throw new UsageException("--private", "the JWK holds no private key (or its key_ops do not allow signing).");
            }

            string pem;
            try
            {
                pem = source.Kind == KeyKind.Rsa ? RsaPem(json, key, wantPrivate) : EcPem(json, key, wantPrivate);
            }
            catch (CryptographicException e)
            {
                throw new UsageException(FileArgument, "the key could not be rebuilt: " + e.Message, e);
            }

            if (parse.GetValue(CliOptions.Json))
            {
                JsonOutput.WriteObject(terminal.Out, w =>
                {
                    w.WriteString("algorithm", AlgorithmNames.Name(key.Algorithm));
                    if (key.KeyId is { } id)
                    {
                        w.WriteString("kid", id);
                    }

                    w.WriteString(wantPrivate ? "privateKeyPem" : "publicKeyPem", pem);
                });
            }
            else
            {
                terminal.Out.WriteLine(pem);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Thumbprint(Terminal terminal)
    {
        Argument<string> file = OneFile("A key file: PEM, JWK, JWK Set or HMAC secret.");
        var command = new Command("thumbprint", "Print a key's RFC 7638 JWK thumbprint (SHA-256, Base64Url); for a JWK Set, each key's.");
        command.Arguments.Add(file);
        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            KeySource source = KeyFiles.FromKeyFile(FileArgument, parse.GetValue(file)!);
            bool json = parse.GetValue(CliOptions.Json);
            if (!source.IsSet)
            {
                // The thumbprint depends on the key material only, not on the algorithm the key is bound to.
                JwtKey key = source.CreateKey(source.Algorithms[0], keyId: null);
                string thumbprint = key.ComputeJwkThumbprint();
                if (json)
                {
                    JsonOutput.WriteObject(terminal.Out, w =>
                    {
                        w.WriteString("thumbprint", thumbprint);
                        if (key.KeyId is { } id)
                        {
                            w.WriteString("kid", id);
                        }

                        w.WriteString("key", source.Description);
                    });
                }
                else
                {
                    terminal.Out.WriteLine(thumbprint);
                }

                return ExitCodes.Success;
            }

            // A member without alg is bound to several algorithms: one line per key material and kid.
            var seen = new List<(string Thumbprint, string? KeyId)>();
            foreach (JwtKey key in source.CreateKeySet(AlgorithmNames.All).Keys)
            {
                (string, string?) entry = (key.ComputeJwkThumbprint(), key.KeyId);
                if (!seen.Contains(entry))
                {
                    seen.Add(entry);
                }
            }

            if (json)
            {
                JsonOutput.WriteObject(terminal.Out, w =>
                {
                    w.WriteStartArray("keys");
                    foreach ((string thumbprint, string? keyId) in seen)
                    {
                        w.WriteStartObject();
                        w.WriteString("thumbprint", thumbprint);
                        if (keyId is not null)
                        {
                            w.WriteString("kid", keyId);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                foreach ((string thumbprint, string? keyId) in seen)
                {
                    terminal.Out.WriteLine(keyId is null ? thumbprint : thumbprint + "  kid=" + keyId);
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Set(Terminal terminal)
    {
        Argument<string[]> files = new(FileArgument)
        {
            Description = "Key files: PEM, JWK or JWK Set (private keys give their public half).",
            Arity = ArgumentArity.OneOrMore,
        };
        Option<JwtAlgorithm?> alg = CliOptions.OptionalAlgorithm("The alg of keys that carry none (RSA PEM keys, JWKs without alg).");
        var command = new Command("set", "Write a public JWK Set of several keys; a key without kid gets its thumbprint as kid.");
        command.Arguments.Add(files);
        command.Options.Add(alg);
        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            JwtAlgorithm? requested = parse.GetValue(alg);
            var keys = new List<JwtKey>();
            foreach (string path in parse.GetValue(files)!)
            {
                KeySource source = KeyFiles.FromKeyFile(FileArgument, path);
                if (source.Kind == KeyKind.Secret)
                {
                    throw new UsageException(FileArgument, path + " holds an HMAC secret; a secret is never published in a JWK Set.");
                }

                if (source.IsSet)
                {
                    IReadOnlyList<JwtAlgorithm> bind = requested is { } one ? [one] : AlgorithmNames.All;
                    foreach (JwtKey key in source.CreateKeySet(bind).Keys)
                    {
                        keys.Add(PublicWithKid(key, path));
                    }
                }
                else
                {
                    keys.Add(PublicWithKid(source.CreateKey(ChooseAlgorithm(source, requested), keyId: null), path));
                }
            }

            string set;
            try
            {
                set = new JwtKeySet(keys).ToJson();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(FileArgument, "the keys cannot form a set: " + KeySource.FirstSentence(e.Message), e);
            }

            if (parse.GetValue(CliOptions.Json))
            {
                JsonOutput.WriteObject(terminal.Out, w =>
                {
                    w.WriteNumber("count", keys.Count);
                    JsonOutput.WriteJson(w, "jwks", set);
                });
            }
            else
            {
                terminal.Out.WriteLine(JsonOutput.Indent(set));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteJwk(Terminal terminal, bool json, string jwk, JwtKey key, string thumbprint)
    {
        if (json)
        {
            JsonOutput.WriteObject(terminal.Out, w =>
            {
                w.WriteString("algorithm", AlgorithmNames.Name(key.Algorithm));
                if (key.KeyId is { } id)
                {
                    w.WriteString("kid", id);
                }

                w.WriteString("thumbprint", thumbprint);
                JsonOutput.WriteJson(w, "jwk", jwk);
            });
            return;
        }

        terminal.Out.WriteLine(JsonOutput.Indent(jwk));
    }

    private static Argument<string> OneFile(string description) => new(FileArgument) { Description = description };

    // The algorithm a key is bound to: --alg when given (it must fit the key), the key's own when it has one
    // (a JWK's alg, an EC key's curve), and otherwise a usage mistake when required.
    private static JwtAlgorithm ChooseAlgorithm(KeySource source, JwtAlgorithm? requested)
    {
        if (requested is { } algorithm)
        {
            if (source.Algorithms.Count == 1 && source.Algorithms[0] != algorithm && source.Kind == KeyKind.Ec)
            {
                // An EC key's curve decides: another --alg given for RSA keys in the same command does not apply.
                return source.Algorithms[0];
            }

            return algorithm;
        }

        if (source.Algorithms.Count == 1)
        {
            return source.Algorithms[0];
        }

        throw new UsageException("--alg", "the " + source.Description + " may serve " + string.Join(", ", Names(source.Algorithms)) + "; name one with --alg.");
    }

    private static JwtKey PublicWithKid(JwtKey key, string path)
    {
        JwtKey publicKey = key.ToPublicKey();
        if (publicKey.KeyId is not null)
        {
            return publicKey;
        }

        try
        {
            return JwtKey.FromJwk(JwkJson.WithKeyId(publicKey.ToJwk(), publicKey.ComputeJwkThumbprint()));
        }
        catch (ArgumentException e)
        {
            throw new UsageException(FileArgument, path + ": " + KeySource.FirstSentence(e.Message), e);
        }
    }

    private static string RsaPem(string json, JwtKey key, bool includePrivate)
    {
        using RSA rsa = JwkJson.ToRsa(json, includePrivate);
        Check(JwtKey.FromRsa(key.Algorithm, rsa), key);
        return includePrivate ? rsa.ExportPkcs8PrivateKeyPem() : rsa.ExportSubjectPublicKeyInfoPem();
    }

    private static string EcPem(string json, JwtKey key, bool includePrivate)
    {
        using ECDsa ecdsa = JwkJson.ToECDsa(json, includePrivate);
        Check(JwtKey.FromECDsa(key.Algorithm, ecdsa), key);
        return includePrivate ? ecdsa.ExportPkcs8PrivateKeyPem() : ecdsa.ExportSubjectPublicKeyInfoPem();
    }

    // The rebuilt key must be the key the library read from the same JWK.
    private static void Check(JwtKey rebuilt, JwtKey key)
    {
        if (!rebuilt.PublicKeyEquals(key))
        {
            throw new CryptographicException("the rebuilt key differs from the JWK.");
        }
    }

    private static IEnumerable<string> Names(IReadOnlyList<JwtAlgorithm> algorithms)
    {
        foreach (JwtAlgorithm algorithm in algorithms)
        {
            yield return AlgorithmNames.Name(algorithm);
        }
    }
}
