using System;
using System.IO;

namespace MiniJwt.Cli;

/// <summary>Reads the TOKEN argument: the token itself, or <c>-</c> for standard input.</summary>
internal static class TokenInput
{
    public const string Argument = "TOKEN";

    private const int MaxChars = 1024 * 1024;

    public static string Read(string? value, TextReader stdin)
    {
        if (value is null)
        {
            throw new UsageException(Argument, "missing; give the token, or - to read it from standard input.");
        }

        string token = value;
        if (value == "-")
        {
            char[] buffer = new char[MaxChars + 1];
            int read = stdin.ReadBlock(buffer, 0, buffer.Length);
            if (read > MaxChars)
            {
                throw new UsageException(Argument, "standard input holds more than 1 MiB; it is not a token.");
            }

            token = new string(buffer, 0, read);
        }

        token = token.Trim();
        if (token.Length == 0)
        {
            throw new UsageException(Argument, value == "-" ? "standard input is empty." : "the token is empty.");
        }

        return token;
    }
}
