using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Text.Json;

namespace MiniJwt.Cli;

/// <summary>
/// <c>minijwt verify</c>: verifies a token with the library. Exit 0 and the payload on standard output when
/// it is valid; exit 1 and the error code with a one-line explanation when it is refused.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(Terminal terminal)
    {
        Argument<string> token = new(TokenInput.Argument)
        {
            Description = "The token, or - to read it from standard input.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var keys = new KeyOptions(forSigning: false);
        Option<JwtAlgorithm[]> alg = CliOptions.Algorithms(
            "An accepted algorithm; repeat for several. Default: every algorithm the key serves (an EC key: its curve's).");
        Option<string[]> aud = CliOptions.Repeated("--aud", "AUDIENCE", "An accepted audience; repeat for several. Without it, a token carrying aud is refused.");
        Option<string[]> iss = CliOptions.Repeated("--iss", "ISSUER", "An accepted issuer (then iss is required); repeat for several.");
        Option<TimeSpan?> leeway = CliOptions.Duration("--leeway", "The clock skew tolerated on exp, nbf and iat (at most 1d).");
        Option<DateTimeOffset?> now = CliOptions.Now();

        var command = new Command("verify", "Verify a token; exit 0 with the payload, or 1 with the error code (exp is required).");
        command.Arguments.Add(token);
        keys.AddTo(command);
        foreach (Option option in new Option[] { alg, aud, iss, leeway, now })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(terminal, parse, () =>
        {
            string text = TokenInput.Read(parse.GetValue(token), Console.In);
            KeySource source = keys.Load(parse);
            IReadOnlyList<JwtAlgorithm> allowed = Allowed(source, parse.GetValue(alg));

            DateTimeOffset? fixedNow = parse.GetValue(now);
            TimeSpan? skew = parse.GetValue(leeway);
            if (skew is { } s && (s < TimeSpan.Zero || s > TimeSpan.FromDays(1)))
            {
                throw new UsageException("--leeway", "must be between 0 and 1d.");
            }

            var options = new JwtValidationOptions([.. allowed])
            {
                Audiences = parse.GetValue(aud) is { Length: > 0 } audiences ? audiences : null,
                Issuers = parse.GetValue(iss) is { Length: > 0 } issuers ? issuers : null,
                Leeway = skew ?? TimeSpan.Zero,
                TimeProvider = fixedNow is { } at ? new FixedTimeProvider(at) : TimeProvider.System,
            };

            bool json = parse.GetValue(CliOptions.Json);
            DateTimeOffset time = options.TimeProvider.GetUtcNow();
            // A JWK Set: the library chooses the key by the token's kid and alg (the tool never tries keys itself).
            JwtToken result;
            JwtError error;
            bool valid = source.IsSet
                ? Jwt.TryDecode(text, source.CreateKeySet(allowed), options, out result, out error)
                : Jwt.TryDecode(text, CreateKey(text, source, allowed), options, out result, out error);
            if (valid)
            {
                WriteValid(terminal, json, result, source, time);
                return ExitCodes.Success;
            }

            WriteRefused(terminal, json, error, text, source, allowed, options.Audiences is not null, time);
            return ExitCodes.Refused;
        }));
        return command;
    }

    // Without --alg: every algorithm the key's content serves. With it: each must be one the key serves.
    private static IReadOnlyList<JwtAlgorithm> Allowed(KeySource source, JwtAlgorithm[]? requested)
    {
        if (requested is null || requested.Length == 0)
        {
            return source.Algorithms;
        }

        foreach (JwtAlgorithm algorithm in requested)
        {
            if (!Contains(source.Algorithms, algorithm))
            {
                throw new UsageException("--alg", AlgorithmNames.Name(algorithm) + " cannot use the key of " + source.Argument
                    + " (a " + source.Description + ").");
            }
        }

        return requested;
    }

    // The key is bound to one algorithm: the token's, when it is allowed and the key serves it. Otherwise the
    // token is refused by the library whatever the key (its algorithm is not allowed, or its header is bad),
    // so any key that can be made will do: the token's algorithm if the key serves it, else an allowed one.
    private static JwtKey CreateKey(string token, KeySource source, IReadOnlyList<JwtAlgorithm> allowed)
    {
        bool readable = Jwt.TryReadHeaderUnverified(token, out JwtHeader header, out _);
        if (readable && Contains(allowed, header.Algorithm))
        {
            return source.CreateKey(header.Algorithm, keyId: null);
        }

        var candidates = new List<JwtAlgorithm>(allowed);
        if (readable && Contains(source.Algorithms, header.Algorithm))
        {
            candidates.Insert(0, header.Algorithm);
        }

        UsageException? first = null;
        foreach (JwtAlgorithm algorithm in candidates)
        {
            try
            {
                return source.CreateKey(algorithm, keyId: null);
            }
            catch (UsageException e)
            {
                first ??= e;
            }
        }

        throw first!;
    }

    private static void WriteValid(Terminal terminal, bool json, JwtToken result, KeySource source, DateTimeOffset now)
    {
        using JsonDocument payload = JsonDocument.Parse(result.GetPayload());
        string algorithm = AlgorithmNames.Name(result.Header.Algorithm);
        if (json)
        {
            JsonOutput.WriteObject(terminal.Out, w =>
            {
                w.WriteBoolean("valid", true);
                w.WriteString("algorithm", algorithm);
                if (result.Header.KeyId is { } kid)
                {
                    w.WriteString("kid", kid);
                }

                w.WriteString("key", source.Description);
                w.WritePropertyName("payload");
                payload.RootElement.WriteTo(w);
                TimeClaims.WriteJson(w, payload.RootElement, now);
            });
            return;
        }

        terminal.Err.WriteLine(terminal.PaintErr("VERIFIED", Style.Good) + " " + algorithm
            + (result.Header.KeyId is { } k ? " kid=" + k : "") + " with " + source.Description);
        TimeClaims.WriteText(terminal, terminal.Err, toErr: true, payload.RootElement, now);
        terminal.Out.WriteLine(JsonOutput.Indent(payload.RootElement));
    }

    private static void WriteRefused(Terminal terminal, bool json, JwtError error, string token, KeySource source, IReadOnlyList<JwtAlgorithm> allowed, bool audiencesGiven, DateTimeOffset now)
    {
        string hint = Hint(error, token, source, allowed, audiencesGiven, now);
        if (json)
        {
            JsonOutput.WriteObject(terminal.Out, w =>
            {
                w.WriteBoolean("valid", false);
                w.WriteString("error", error.Code.ToString());
                if (error.Part is { } part)
                {
                    w.WriteString("part", part);
                }

                if (error.Name is { } name)
                {
                    w.WriteString("name", name);
                }

                w.WriteString("message", error.Message + hint);
                w.WriteNumber("exitCode", ExitCodes.Refused);
            });
            return;
        }

        terminal.Err.WriteLine(terminal.PaintErr("REFUSED " + error.Code, Style.Bad) + ": " + error.Message + hint);
    }

    // A few words more where they help; the claims read here are trusted only because the library has
    // already checked the signature before any claim.
    private static string Hint(JwtError error, string token, KeySource source, IReadOnlyList<JwtAlgorithm> allowed, bool audiencesGiven, DateTimeOffset now)
    {
        switch (error.Code)
        {
            case JwtErrorCode.Expired:
            case JwtErrorCode.NotYetValid:
            case JwtErrorCode.IssuedInFuture:
                string name = error.Code == JwtErrorCode.Expired ? "exp" : error.Code == JwtErrorCode.NotYetValid ? "nbf" : "iat";
                TokenParts parts = TokenParts.Read(token);
                return parts.Payload is { } payload && TimeClaims.TryGet(payload, name, out DateTimeOffset time)
                    ? "; " + TimeText.Relative(name, time, now)
                    : string.Empty;
            case JwtErrorCode.InvalidAudience when !audiencesGiven:
                return "; the token names an audience: accept it with --aud";
            case JwtErrorCode.MissingClaim when string.Equals(error.Name, "exp", StringComparison.Ordinal):
                return "; MiniJwt requires an expiry";
            case JwtErrorCode.KeyNotFound or JwtErrorCode.AmbiguousKey when source.IsSet:
                return "; the token's kid and alg choose the key in the " + source.Description;
            case JwtErrorCode.AlgorithmNotAllowed:
                return "; accepted: " + string.Join(", ", Names(allowed));
            default:
                return string.Empty;
        }
    }

    private static IEnumerable<string> Names(IReadOnlyList<JwtAlgorithm> algorithms)
    {
        foreach (JwtAlgorithm algorithm in algorithms)
        {
            yield return AlgorithmNames.Name(algorithm);
        }
    }

    private static bool Contains(IReadOnlyList<JwtAlgorithm> list, JwtAlgorithm algorithm)
    {
        foreach (JwtAlgorithm item in list)
        {
            if (item == algorithm)
            {
                return true;
            }
        }

        return false;
    }
}
