using System;
using System.IO;

namespace MiniJwt.Cli;

/// <summary>
/// Where the tool writes: standard output for results, standard error for status and errors, with colour
/// only when the stream is a terminal, <c>NO_COLOR</c> is unset or empty and <c>TERM</c> is not <c>dumb</c>.
/// </summary>
internal sealed class Terminal
{
    private readonly bool _colorOut;
    private readonly bool _colorErr;

    public Terminal(TextWriter output, TextWriter error, bool colorOut, bool colorErr)
    {
        Out = output;
        Err = error;
        _colorOut = colorOut;
        _colorErr = colorErr;
    }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public static Terminal FromConsole()
    {
        bool allowed = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);
        Console.Out.NewLine = "\n";
        Console.Error.NewLine = "\n";
        return new Terminal(Console.Out, Console.Error, allowed && !Console.IsOutputRedirected, allowed && !Console.IsErrorRedirected);
    }

    /// <summary>Returns <paramref name="text"/> in <paramref name="style"/> for standard output.</summary>
    public string Paint(string text, Style style) => _colorOut ? Wrap(text, style) : text;

    /// <summary>Returns <paramref name="text"/> in <paramref name="style"/> for standard error.</summary>
    public string PaintErr(string text, Style style) => _colorErr ? Wrap(text, style) : text;

    private static string Wrap(string text, Style style)
    {
        string code = style switch
        {
            Style.Good => "32;1",
            Style.Bad => "31;1",
            Style.Warning => "33;1",
            Style.Label => "36",
            _ => "2",
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }
}
