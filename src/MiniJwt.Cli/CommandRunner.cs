using System;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace MiniJwt.Cli;

/// <summary>Runs a command's body and turns a <see cref="UsageException"/> into exit 2 with a message naming the argument.</summary>
internal static class CommandRunner
{
    public static int Run(Terminal terminal, ParseResult parse, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UsageException e)
        {
            return Usage(terminal, parse.GetValue(CliOptions.Json), e.Argument, e.Message, CommandPath(parse));
        }
    }

    /// <summary>The command's words after <c>minijwt</c>, such as <c>jwk from-pem</c>; <c>minijwt</c> for the root.</summary>
    public static string CommandPath(ParseResult parse)
    {
        string path = string.Empty;
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command && command.Parent is not null; result = command.Parent)
        {
            path = path.Length == 0 ? command.Command.Name : command.Command.Name + " " + path;
        }

        return path.Length == 0 ? "minijwt" : path;
    }

    /// <summary>Reports a usage mistake: exit 2.</summary>
    public static int Usage(Terminal terminal, bool json, string argument, string message, string command)
    {
        if (json)
        {
            JsonOutput.WriteObject(terminal.Out, w =>
            {
                w.WriteString("error", "Usage");
                if (argument.Length > 0)
                {
                    w.WriteString("argument", argument);
                }

                w.WriteString("message", message);
                w.WriteNumber("exitCode", ExitCodes.Usage);
            });
        }
        else
        {
            string text = argument.Length == 0 || message.StartsWith(argument, StringComparison.Ordinal) ? message : argument + ": " + message;
            terminal.Err.WriteLine(terminal.PaintErr("minijwt: error:", Style.Bad) + " " + text);
            string help = command == "minijwt" ? "minijwt --help" : "minijwt " + command + " --help";
            terminal.Err.WriteLine("See '" + help + "'.");
        }

        return ExitCodes.Usage;
    }
}
