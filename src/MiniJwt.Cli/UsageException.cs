using System;

namespace MiniJwt.Cli;

/// <summary>A usage mistake found after parsing (a file that cannot be read, a key of the wrong kind): exit 2, naming the argument.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string argument, string message)
        : base(message)
    {
        Argument = argument;
    }

    public UsageException(string argument, string message, Exception inner)
        : base(message, inner)
    {
        Argument = argument;
    }

    public UsageException()
    {
        Argument = string.Empty;
    }

    public UsageException(string message)
        : base(message)
    {
        Argument = string.Empty;
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
        Argument = string.Empty;
    }

    /// <summary>The option or argument at fault, such as <c>--key</c> or <c>TOKEN</c>.</summary>
    public string Argument { get; }
}
