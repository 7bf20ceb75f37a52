using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace MiniJwt.Cli;

/// <summary>
/// The entry point: parses the command line, sends a usage mistake to exit 2 naming the argument, and runs
/// the command. Exit codes: 0 done, 1 refused, 2 usage mistake.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Terminal terminal = Terminal.FromConsole();
        Command root = CreateRoot(terminal);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            ParseError first = parse.Errors[0];
            foreach (ParseError error in parse.Errors)
            {
                // An unknown word explains more than the missing command it causes.
                if (error.Message.StartsWith("Unrecognized", System.StringComparison.Ordinal))
                {
                    first = error;
                    break;
                }
            }

            string argument = first.SymbolResult switch
            {
                OptionResult option => option.Option.Name,
                ArgumentResult argumentResult => argumentResult.Argument.Name,
                _ => string.Empty,
            };
            return CommandRunner.Usage(terminal, parse.GetValue(CliOptions.Json), argument, first.Message, CommandRunner.CommandPath(parse));
        }

        return parse.Invoke(new InvocationConfiguration { Output = terminal.Out, Error = terminal.Err });
    }

    private static Command CreateRoot(Terminal terminal)
    {
        // A Command named for the tool rather than a RootCommand, which takes its name from the assembly (MiniJwt.Cli).
        var root = new Command("minijwt", """
            minijwt: make, read and check JSON Web Tokens and keys, offline.

            Exit codes: 0 done; 1 refused (the error code and why on standard error); 2 usage mistake.
            Secrets are read from files or environment variables, never from the command line.
            """);
        var help = new HelpOption();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!, Examples.ByCommand);
        root.Options.Add(help);
        root.Options.Add(new VersionOption());
        root.Options.Add(CliOptions.Json);
        root.Subcommands.Add(EncodeCommand.Create(terminal));
        root.Subcommands.Add(DecodeCommand.Create(terminal));
        root.Subcommands.Add(VerifyCommand.Create(terminal));
        root.Subcommands.Add(KeygenCommand.Create(terminal));
        root.Subcommands.Add(JwkCommand.Create(terminal));
        return root;
    }
}
