using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace MiniJwt.Cli;

/// <summary>The help of each command, followed by its examples (kept out of the descriptions, which the command list repeats).</summary>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly IReadOnlyDictionary<string, string> _examples;

    public ExamplesHelpAction(HelpAction help, IReadOnlyDictionary<string, string> examples)
    {
        _help = help;
        _examples = examples;
    }

    public override int Invoke(ParseResult parseResult)
    {
        int result = _help.Invoke(parseResult);
        if (_examples.TryGetValue(parseResult.CommandResult.Command.Name, out string? examples))
        {
            System.IO.TextWriter output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (string line in examples.Split('\n'))
            {
                output.WriteLine("  " + line.TrimEnd('\r'));
            }

            output.WriteLine();
        }

        return result;
    }
}
