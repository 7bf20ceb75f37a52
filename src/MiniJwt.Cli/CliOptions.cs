using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MiniJwt.Cli;

/// <summary>The options several commands share, each with its strict parser: a bad value is a usage mistake naming the option.</summary>
internal static class CliOptions
{
    /// <summary><c>--json</c>: one machine-readable JSON object on standard output instead of text.</summary>
    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON object instead of text (errors included).",
        Recursive = true,
    };

    public static Option<JwtAlgorithm> Algorithm(string description) => new("--alg")
    {
        Description = description + " One of " + AlgorithmNames.List + ".",
        Required = true,
        HelpName = "ALG",
        CustomParser = result => ParseAlgorithm(result, result.Tokens[0].Value),
    };

    public static Option<JwtAlgorithm?> OptionalAlgorithm(string description) => new("--alg")
    {
        Description = description + " One of " + AlgorithmNames.List + ".",
        HelpName = "ALG",
        CustomParser = result => ParseAlgorithm(result, result.Tokens[0].Value),
    };

    public static Option<JwtAlgorithm[]> Algorithms(string description) => new("--alg")
    {
        Description = description,
        HelpName = "ALG",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            var list = new List<JwtAlgorithm>();
            foreach (Token token in result.Tokens)
            {
                list.Add(ParseAlgorithm(result, token.Value));
            }

            return [.. list];
        },
    };

    public static Option<TimeSpan?> Duration(string name, string description) => new(name)
    {
        Description = description + " A number of seconds, or with a unit: 30s, 15m, 1h, 7d.",
        HelpName = "DURATION",
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (!Durations.TryParse(text, out TimeSpan value))
            {
                result.AddError(name + ": '" + text + "' is not a duration (examples: 3600, 30s, 15m, 1h, 7d).");
                return null;
            }

            return value;
        },
    };

    public static Option<DateTimeOffset?> Now() => new("--now")
    {
        Description = "Take this instant (Unix seconds) as the current time.",
        HelpName = "UNIXTIME",
        CustomParser = result =>
        {
            string text = result.Tokens[0].Value;
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds > 253402300799)
            {
                result.AddError("--now: '" + text + "' is not a Unix time (whole seconds since 1970-01-01 UTC).");
                return null;
            }

            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        },
    };

    public static Option<string[]> Repeated(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string> Text(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };

    private static JwtAlgorithm ParseAlgorithm(ArgumentResult result, string text)
    {
        if (AlgorithmNames.TryParse(text, out JwtAlgorithm algorithm))
        {
            return algorithm;
        }

        string hint = AlgorithmNames.TryParse(text.ToUpperInvariant(), out JwtAlgorithm upper)
            ? " (names are case-sensitive: " + AlgorithmNames.Name(upper) + ")"
            : string.Equals(text, "none", StringComparison.OrdinalIgnoreCase) ? " (unsecured tokens are never made or accepted)" : "";
        result.AddError("--alg: unknown algorithm '" + text + "'" + hint + "; one of " + AlgorithmNames.List + ".");
        return default;
    }
}
